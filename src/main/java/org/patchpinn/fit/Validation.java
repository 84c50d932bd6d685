package org.patchpinn.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.patchpinn.features.CoincidenceFactor;
import org.patchpinn.features.FeatureNames;
import org.patchpinn.features.SpikeDetectionSettings;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.features.StimulusWindow;
import org.patchpinn.features.StimulusWindows;
import org.patchpinn.features.SweepFeatureExtractor;
import org.patchpinn.features.SweepFeatures;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.numeric.Median;
import org.patchpinn.sim.SimulationResult;
import org.patchpinn.sim.Simulator;
import org.patchpinn.task.Progress;

/**
 * Simulates a fitted model on every fitted and held-out sweep and compares it with the data the same way for
 * every fit method: trace RMSE, coincidence factor Γ at ±2 ms, and eFEL-named summary statistics measured by
 * {@link SweepFeatureExtractor} on data and model alike.
 */
public final class Validation {
    /** The summary statistics reported per sweep (data vs model). */
    public static final List<String> FEATURES = List.of(FeatureNames.SPIKECOUNT, FeatureNames.TIME_TO_FIRST_SPIKE,
            FeatureNames.MEAN_FREQUENCY, FeatureNames.ISI_CV, FeatureNames.ADAPTATION_INDEX2,
            FeatureNames.AP_AMPLITUDE, FeatureNames.AP_BEGIN_VOLTAGE, FeatureNames.SPIKE_HALF_WIDTH,
            FeatureNames.AHP_DEPTH, FeatureNames.VOLTAGE_BASE, FeatureNames.STEADY_STATE_VOLTAGE_STIMEND);

    private Validation() {
    }

    /** Fitted sweeps then held-out ones (role "test"). */
    public static List<SweepValidation> evaluate(ModelSpec fitted, List<FitSweep> fit, List<FitSweep> holdout,
                                                 Progress progress) {
        List<FitSweep> all = new ArrayList<>(fit);
        all.addAll(holdout);
        List<String> roles = new ArrayList<>();
        fit.forEach(s -> roles.add(SweepRoles.TRAINING));
        holdout.forEach(s -> roles.add(SweepRoles.TEST));
        return evaluateWithRoles(fitted, all, roles, progress);
    }

    /** Every sweep with its role (see {@link SweepRoles}). */
    public static List<SweepValidation> evaluate(ModelSpec fitted, List<FitSweep> all, SweepRoles roles,
                                                 Progress progress) {
        return evaluateWithRoles(fitted, all, all.stream().map(s -> roles.roleOf(s.index())).toList(), progress);
    }

    private static List<SweepValidation> evaluateWithRoles(ModelSpec fitted, List<FitSweep> all, List<String> roles,
                                                  Progress progress) {
        List<SweepValidation> out = new ArrayList<>();
        SweepFeatureExtractor fx = new SweepFeatureExtractor(SpikeDetectionSettings.defaults());
        for (int i = 0; i < all.size(); i++) {
            progress.checkCancelled();
            FitSweep sw = all.get(i);
            SimulationResult sim = Simulator.shared().simulate(fitted, fitted.values(), sw.stim(), sw.durationMs(),
                    sw.dtMs(), Simulator.stepFor(sw.dtMs()), null, true);
            double[] m = sim.v();
            double[] d = sw.vMv();
            double se = 0;
            for (int k = 0; k < d.length; k++) {
                se += (m[k] - d[k]) * (m[k] - d[k]);
            }
            double[] modelSpikes = SpikeTimes.detect(m, sw.dtMs());
            double gamma = CoincidenceFactor.gamma(sw.spikeTimesMs(), modelSpikes, sw.durationMs());
            double[] cmd = sw.iPa();
            StimulusWindow window = StimulusWindows.inSweep(cmd, sw.dtMs(), sw.protocolWindow());
            Map<String, Double> df = features(fx, d, sw.dtMs(), window);
            Map<String, Double> mf = Double.isFinite(se) ? features(fx, m, sw.dtMs(), window) : undefined();
            String role = roles.get(i);
            out.add(new SweepValidation(sw, !role.equals(SweepRoles.TRAINING), sim, Math.sqrt(se / d.length), gamma,
                    sw.spikeTimesMs().length, modelSpikes.length, df, mf, role));
        }
        return out;
    }

    private static Map<String, Double> features(SweepFeatureExtractor fx, double[] v, double dtMs, StimulusWindow w) {
        Map<String, Double> f = new LinkedHashMap<>();
        try {
            if (w == null) {
                throw new IllegalArgumentException("no step in the command");
            }
            SweepFeatures sf = fx.extract(v, dtMs, w);
            for (String name : FEATURES) {
                f.put(name, sf.get(name));
            }
        } catch (RuntimeException e) {
            // No step in the command (e.g. a noise stimulus): no window, no windowed features.
            return undefined();
        }
        return f;
    }

    /** Every reported feature NaN (a diverged simulation, or no stimulus window). */
    private static Map<String, Double> undefined() {
        Map<String, Double> f = new LinkedHashMap<>();
        for (String name : FEATURES) {
            f.put(name, Double.NaN);
        }
        return f;
    }

    /**
     * Mean Γ over every sweep with the given role (NaN when none), a sweep silent in data and model counting 1:
     * the figure choices are made on (a model that fires where the cell is silent must lose). Reports quote
     * {@link #spikingGamma} instead.
     */
    public static double meanGamma(List<SweepValidation> v, String role) {
        return v.stream().filter(s -> s.role().equals(role)).mapToDouble(SweepValidation::gamma).average()
                .orElse(Double.NaN);
    }

    /**
     * Mean Γ over the sweeps of a role on which the data or the model fires (NaN when none): the spike-timing
     * figure a report quotes. A sweep silent in both has Γ = 1 by definition and says nothing about timing; three
     * silent test sweeps averaged with one spiking sweep at Γ 0 read as 0.75. Those sweeps are counted by
     * {@link #silentSweeps} instead.
     */
    public static double spikingGamma(List<SweepValidation> v, String role) {
        return spiking(v, role).mapToDouble(SweepValidation::gamma).average().orElse(Double.NaN);
    }

    /** How many sweeps of a role {@link #spikingGamma} averages over (the data or the model fires). */
    public static int spikingSweeps(List<SweepValidation> v, String role) {
        return (int) spiking(v, role).count();
    }

    /** The role's sweeps on which the recorded cell is silent, and how many of them the model leaves silent. */
    public static SilentSweeps silentSweeps(List<SweepValidation> v, String role) {
        int silent = 0;
        int modelSilent = 0;
        for (SweepValidation s : v) {
            if (s.role().equals(role) && s.dataSpikes() == 0) {
                silent++;
                modelSilent += s.modelSpikes() == 0 ? 1 : 0;
            }
        }
        return new SilentSweeps(silent, modelSilent);
    }

    /** Sweeps on which the cell did not fire ({@code count}) and those the model also left silent. */
    public record SilentSweeps(int count, int modelSilent) {
        @Override
        public String toString() {
            return modelSilent + " of " + count;
        }
    }

    private static Stream<SweepValidation> spiking(List<SweepValidation> v, String role) {
        return v.stream().filter(s -> s.role().equals(role) && (s.dataSpikes() > 0 || s.modelSpikes() > 0));
    }

    /** RMSE over all samples of the sweeps with the given role (NaN when none). */
    public static double rmse(List<SweepValidation> v, String role) {
        double se = 0;
        long n = 0;
        for (SweepValidation s : v) {
            if (s.role().equals(role)) {
                se += s.rmseMv() * s.rmseMv() * s.sweep().length();
                n += s.sweep().length();
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(se / n);
    }

    /**
     * Median of model − data for one feature over the sweeps of a role where both define it (NaN when none):
     * the AP-shape errors a reader checks beside Γ.
     */
    public static double medianError(List<SweepValidation> v, String role, String feature) {
        return Median.of(v.stream().filter(s -> s.role().equals(role))
                .mapToDouble(s -> s.modelFeatures().get(feature) - s.dataFeatures().get(feature))
                .filter(Double::isFinite).toArray());
    }
}
