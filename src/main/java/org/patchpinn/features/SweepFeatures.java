package org.patchpinn.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Summary statistics of one sweep under eFEL's names (and the sbi set), with the spikes they came from.
 * Features that eFEL reports per spike (AP_amplitude, ISI_values, ...) are available in full through
 * {@link #array(String)}; {@link #get(String)} and {@link #values()} give their mean. A feature that is
 * undefined for this sweep (e.g. ISI_CV with fewer than three spikes) is NaN.
 */
public final class SweepFeatures {
    private final Map<String, Double> values;
    private final Map<String, double[]> arrays;
    private final List<Spike> spikes;
    private final StimulusWindow window;

    SweepFeatures(Map<String, Double> values, Map<String, double[]> arrays, List<Spike> spikes,
                  StimulusWindow window) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        this.spikes = List.copyOf(spikes);
        this.window = window;
    }

    /** A feature by its eFEL (or sbi-set) name; NaN when undefined here; unknown names are an error. */
    public double get(String efelName) {
        Double v = values.get(efelName);
        if (v == null) {
            throw new IllegalArgumentException("unknown feature '" + efelName + "'; known: " + values.keySet());
        }
        return v;
    }

    /** Every feature in a stable order (see {@link FeatureNames#SWEEP}), NaN where undefined. */
    public Map<String, Double> values() {
        return values;
    }

    /** The per-spike values of a per-spike feature, selected as eFEL selects them (empty when none). */
    public double[] array(String efelName) {
        double[] a = arrays.get(efelName);
        if (a == null) {
            throw new IllegalArgumentException("'" + efelName + "' is not a per-spike feature; those are: "
                    + arrays.keySet());
        }
        return a.clone();
    }

    /** Names of the per-spike features that {@link #array(String)} knows. */
    public Set<String> arrayNames() {
        return arrays.keySet();
    }

    /** Every detected spike, inside and outside the stimulus window, in time order. */
    public List<Spike> spikes() {
        return spikes;
    }

    /** Peak times (ms) of every detected spike. */
    public double[] spikeTimesMs() {
        double[] t = new double[spikes.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = spikes.get(i).peakTimeMs();
        }
        return t;
    }

    /** Peak times (ms) of the spikes inside the stimulus window. */
    public double[] spikeTimesInWindowMs() {
        return spikes.stream().filter(s -> window.contains(s.peakTimeMs())).mapToDouble(Spike::peakTimeMs)
                .toArray();
    }

    public StimulusWindow window() {
        return window;
    }

    @Override
    public String toString() {
        return "SweepFeatures" + values;
    }
}
