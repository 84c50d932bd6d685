package org.patchpinn.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Per-cell properties from a current-step protocol (one {@link SweepFeatures} and one step amplitude per
 * sweep), as electrophysiologists report them (definitions after AllenSDK / IPFX where eFEL has none):
 * <ul>
 * <li>F-I curve: firing rate = spikes in the stimulus window / window duration, against step amplitude;
 *     its slope (Hz/pA) by least squares over the sweeps that fire;</li>
 * <li>rheobase: the smallest depolarising step that evokes at least one spike in the window;</li>
 * <li>input resistance (MOhm): slope of voltage_deflection against step amplitude over hyperpolarising
 *     sweeps without spikes (a single such sweep: their ratio, eFEL's ohmic_input_resistance); the reported
 *     definition, not the fit's per-step one ({@link PassiveSteps} says why they differ);</li>
 * <li>membrane time constant (ms): mean over those sweeps of time_constant_fit, a least-squares exponential
 *     fit (Commons Math) on AllenSDK's interval;</li>
 * <li>sag ratio: eFEL's sag_ratio1 on the most hyperpolarising sweep.</li>
 * </ul>
 */
public final class CellFeatures {
    public static final String RHEOBASE = "rheobase";
    public static final String FI_SLOPE = "fi_slope";
    public static final String MAX_FIRING_RATE = "max_firing_rate";
    public static final String INPUT_RESISTANCE = "input_resistance";
    public static final String TIME_CONSTANT = "time_constant";
    public static final String SAG_RATIO = "sag_ratio";
    public static final String HYPERPOLARISING_SWEEPS = "hyperpolarising_sweeps";
    public static final String SPIKING_SWEEPS = "spiking_sweeps";

    /** Cell features in table order. */
    public static final List<String> NAMES = List.of(RHEOBASE, FI_SLOPE, MAX_FIRING_RATE, INPUT_RESISTANCE,
            TIME_CONSTANT, SAG_RATIO, HYPERPOLARISING_SWEEPS, SPIKING_SWEEPS);

    private static final Map<String, String> UNITS = Map.of(RHEOBASE, "pA", FI_SLOPE, "Hz/pA",
            MAX_FIRING_RATE, "Hz", INPUT_RESISTANCE, "MOhm", TIME_CONSTANT, "ms", SAG_RATIO, "",
            HYPERPOLARISING_SWEEPS, "", SPIKING_SWEEPS, "");

    /** One point of the F-I curve. */
    public record FiPoint(int sweep, double currentPa, int spikes, double rateHz) { }

    private final List<FiPoint> fiCurve;
    private final Map<String, Double> values;

    private CellFeatures(List<FiPoint> fiCurve, Map<String, Double> values) {
        this.fiCurve = List.copyOf(fiCurve);
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * @param sweeps     features of each sweep, in protocol order
     * @param stimulusPa step amplitude of each sweep (pA, relative to holding)
     */
    public static CellFeatures of(List<SweepFeatures> sweeps, double[] stimulusPa) {
        if (sweeps.size() != stimulusPa.length) {
            throw new IllegalArgumentException(sweeps.size() + " sweeps but " + stimulusPa.length
                    + " step amplitudes");
        }
        // Steps within 0.1 % of the largest one count as zero (float rounding of a 0 pA level).
        double largest = 0;
        for (double a : stimulusPa) {
            if (!Double.isNaN(a)) {
                largest = Math.max(largest, Math.abs(a));
            }
        }
        double zero = 1e-3 * largest;
        List<FiPoint> fi = new ArrayList<>();
        for (int i = 0; i < sweeps.size(); i++) {
            SweepFeatures f = sweeps.get(i);
            int n = (int) f.get(FeatureNames.SPIKECOUNT_STIMINT);
            fi.add(new FiPoint(i, stimulusPa[i], n, n * 1000.0 / f.window().durationMs()));
        }
        fi.sort(Comparator.comparingDouble(FiPoint::currentPa));

        Map<String, Double> v = new LinkedHashMap<>();
        for (String name : NAMES) {
            v.put(name, Double.NaN);
        }
        double rheobase = Double.NaN;
        double maxRate = 0;
        SimpleRegression fiFit = new SimpleRegression();
        int spiking = 0;
        for (FiPoint p : fi) {
            maxRate = Math.max(maxRate, p.rateHz());
            if (p.spikes() > 0) {
                spiking++;
                fiFit.addData(p.currentPa(), p.rateHz());
                if (p.currentPa() > zero && Double.isNaN(rheobase)) {
                    rheobase = p.currentPa();
                }
            }
        }
        v.put(RHEOBASE, rheobase);
        v.put(FI_SLOPE, fiFit.getN() >= 2 ? fiFit.getSlope() : Double.NaN);
        v.put(MAX_FIRING_RATE, maxRate);
        v.put(SPIKING_SWEEPS, (double) spiking);

        SimpleRegression vi = new SimpleRegression();
        double lastRatio = Double.NaN;
        double tauSum = 0;
        int tauCount = 0;
        int hyper = 0;
        double mostNegative = 0;
        double sag = Double.NaN;
        for (int i = 0; i < sweeps.size(); i++) {
            SweepFeatures f = sweeps.get(i);
            double amp = stimulusPa[i];
            if (!(amp < -zero) || f.get(FeatureNames.SPIKECOUNT_STIMINT) > 0) {
                continue;
            }
            hyper++;
            double vd = f.get(FeatureNames.VOLTAGE_DEFLECTION);
            if (!Double.isNaN(vd)) {
                vi.addData(amp, vd);
                lastRatio = vd / amp;
            }
            double tau = f.get(FeatureNames.TIME_CONSTANT_FIT);
            if (!Double.isNaN(tau)) {
                tauSum += tau;
                tauCount++;
            }
            if (amp < mostNegative) {
                mostNegative = amp;
                sag = f.get(FeatureNames.SAG_RATIO1);
            }
        }
        v.put(HYPERPOLARISING_SWEEPS, (double) hyper);
        if (vi.getN() >= 2) {
            v.put(INPUT_RESISTANCE, vi.getSlope() * 1000.0); // mV/pA = GOhm
        } else if (vi.getN() == 1) {
            v.put(INPUT_RESISTANCE, lastRatio * 1000.0);
        }
        v.put(TIME_CONSTANT, tauCount > 0 ? tauSum / tauCount : Double.NaN);
        v.put(SAG_RATIO, sag);
        return new CellFeatures(fi, v);
    }

    /** F-I curve sorted by step amplitude. */
    public List<FiPoint> fiCurve() {
        return fiCurve;
    }

    public double get(String name) {
        Double d = values.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown cell feature '" + name + "'; known: " + NAMES);
        }
        return d;
    }

    public Map<String, Double> values() {
        return values;
    }

    public double rheobasePa() {
        return get(RHEOBASE);
    }

    public double fiSlopeHzPerPa() {
        return get(FI_SLOPE);
    }

    public double inputResistanceMOhm() {
        return get(INPUT_RESISTANCE);
    }

    public double timeConstantMs() {
        return get(TIME_CONSTANT);
    }

    public double sagRatio() {
        return get(SAG_RATIO);
    }

    /** Unit of a cell feature, or null if {@code name} is not one. */
    static String unitOf(String name) {
        return UNITS.get(name);
    }
}
