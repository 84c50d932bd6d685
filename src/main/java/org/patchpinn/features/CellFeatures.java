package org.patchpinn.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.patchpinn.numeric.Median;

/**
 * Per-cell properties from a current-step protocol (one {@link SweepFeatures} and one step amplitude per
 * sweep), as electrophysiologists report them (definitions after AllenSDK / IPFX where eFEL has none):
 * <ul>
 * <li>F-I curve: firing rate = spikes in the stimulus window / window duration, against step amplitude;
 *     its slope (Hz/pA) by least squares over the sweeps that fire;</li>
 * <li>rheobase: the smallest depolarising step that evokes at least one spike in the window;</li>
 * <li>input resistance (MOhm): slope of voltage_deflection against step amplitude over hyperpolarising
 *     sweeps without spikes (a single such sweep: their ratio, eFEL's ohmic_input_resistance); the reported
 *     definition, not the fit's per-step one ({@link PassiveSteps} says why they differ); NaN when not positive;</li>
 * <li>membrane time constant (ms): mean over those sweeps of time_constant_fit, a least-squares exponential
 *     fit (Commons Math) on AllenSDK's interval;</li>
 * <li>sag ratio: eFEL's sag_ratio1 on the most hyperpolarising sweep.</li>
 * </ul>
 */
public final class CellFeatures {
    /** One point of the F-I curve. */
    public record FiPoint(int sweep, double currentPa, int spikes, double rateHz) { }

    /** Where input resistance and time constant were read: the step sweeps. */
    public static final String FROM_STEPS = "hyperpolarising steps";
    /** …or, with no hyperpolarising step sweep, the hyperpolarising pulses the sweeps hold ({@link #withPulses}). */
    public static final String FROM_PULSES = "test pulses";

    private final List<FiPoint> fiCurve;
    private final Map<String, Double> values;
    private final String passiveSource;

    private CellFeatures(List<FiPoint> fiCurve, Map<String, Double> values, String passiveSource) {
        this.fiCurve = List.copyOf(fiCurve);
        this.values = Collections.unmodifiableMap(values);
        this.passiveSource = passiveSource;
    }

    private CellFeatures(List<FiPoint> fiCurve, Map<String, Double> values) {
        this(fiCurve, values, Double.isNaN(values.get(FeatureNames.INPUT_RESISTANCE)) ? "" : FROM_STEPS);
    }

    /**
     * These features with input resistance and time constant read from {@code pulses} where no hyperpolarising step
     * sweep gave them: a protocol whose steps all depolarise and whose sweeps each hold a fixed hyperpolarising test
     * pulse (SWHLab's gain.abf) is measured there, as the fit measures it — the median per-pulse ΔV/ΔI and time to
     * 63 % of the deflection ({@link PassiveSteps}), not the step sweeps' slope and exponential fit. Unchanged where
     * a hyperpolarising step sweep was read (whatever it gave) or no pulse was measured.
     */
    public CellFeatures withPulses(List<PassiveSteps.Step> pulses) {
        double[] r = pulses.stream().mapToDouble(PassiveSteps.Step::resistanceMOhm).filter(x -> x > 0).toArray();
        // only where no step sweep was read: a V-I slope of the wrong sign there stays "not measured"
        if (!passiveSource.isEmpty() || values.get(FeatureNames.HYPERPOLARISING_SWEEPS) > 0 || r.length == 0) {
            return this;
        }
        double[] tau = pulses.stream().mapToDouble(PassiveSteps.Step::timeConstantMs).filter(Double::isFinite)
                .toArray();
        Map<String, Double> v = new LinkedHashMap<>(values);
        v.put(FeatureNames.INPUT_RESISTANCE, Median.of(r));
        v.put(FeatureNames.TIME_CONSTANT, tau.length == 0 ? Double.NaN : Median.of(tau));
        return new CellFeatures(fiCurve, v, FROM_PULSES);
    }

    /** {@link #FROM_STEPS}, {@link #FROM_PULSES}, or "" where input resistance was not measured. */
    public String passiveSource() {
        return passiveSource;
    }

    /**
     * @param sweeps     features of each sweep, in protocol order
     * @param stimulusPa step amplitude of each sweep (pA, relative to holding)
     */
    public static CellFeatures of(List<SweepFeatures> sweeps, double[] stimulusPa) {
        return of(sweeps, stimulusPa, Set.of());
    }

    /**
     * As {@link #of(List, double[])}, the sweeps at positions {@code notPassive} left out of the passive properties
     * (input resistance, time constant, sag): steps that never reached the cell ({@link ArtefactDetector}'s "no
     * response"), whose flat V once gave 97509008.abf an input resistance of −23 MΩ. Their F–I points stay.
     */
    public static CellFeatures of(List<SweepFeatures> sweeps, double[] stimulusPa, Set<Integer> notPassive) {
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
        for (String name : FeatureNames.CELL) {
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
        v.put(FeatureNames.RHEOBASE, rheobase);
        v.put(FeatureNames.FI_SLOPE, fiFit.getN() >= 2 ? fiFit.getSlope() : Double.NaN);
        v.put(FeatureNames.MAX_FIRING_RATE, maxRate);
        v.put(FeatureNames.SPIKING_SWEEPS, (double) spiking);

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
            if (!(amp < -zero) || f.get(FeatureNames.SPIKECOUNT_STIMINT) > 0 || notPassive.contains(i)) {
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
        v.put(FeatureNames.HYPERPOLARISING_SWEEPS, (double) hyper);
        double rin = vi.getN() >= 2 ? vi.getSlope() * 1000.0 // mV/pA = GOhm
                : vi.getN() == 1 ? lastRatio * 1000.0 : Double.NaN;
        // a membrane does not depolarise to hyperpolarising current: a slope ≤ 0 is the recording's (96711009.abf,
        // whose −2 nA steps give way in their second half, read −25 MΩ), reported as not measured
        v.put(FeatureNames.INPUT_RESISTANCE, rin > 0 ? rin : Double.NaN);
        v.put(FeatureNames.TIME_CONSTANT, tauCount > 0 ? tauSum / tauCount : Double.NaN);
        v.put(FeatureNames.SAG_RATIO, sag);
        return new CellFeatures(fi, v);
    }

    /** F-I curve sorted by step amplitude. */
    public List<FiPoint> fiCurve() {
        return fiCurve;
    }

    public double get(String name) {
        Double d = values.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown cell feature '" + name + "'; known: " + FeatureNames.CELL);
        }
        return d;
    }

    public Map<String, Double> values() {
        return values;
    }

    public double rheobasePa() {
        return get(FeatureNames.RHEOBASE);
    }

    public double fiSlopeHzPerPa() {
        return get(FeatureNames.FI_SLOPE);
    }

    public double inputResistanceMOhm() {
        return get(FeatureNames.INPUT_RESISTANCE);
    }

    public double timeConstantMs() {
        return get(FeatureNames.TIME_CONSTANT);
    }

    public double sagRatio() {
        return get(FeatureNames.SAG_RATIO);
    }
}
