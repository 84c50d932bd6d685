package org.patchpinn.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.patchpinn.features.SpikeTimes;

/**
 * A cell's passive properties read off its traces, the same way for data and model: the resting potential
 * (median before the first command change), and from every hyperpolarising step away from the holding level
 * with no spike nearby (main steps and prepulses alike; not the returns from depolarising steps, where slow
 * currents are still active) the input resistance ΔV/ΔI at steady state and the membrane time constant
 * (time to 63 % of the peak deflection, on a 1 ms running mean). C ≈ τ / Rin for a single compartment.
 *
 * @param restMv                 median resting potential over the sweeps (mV)
 * @param inputResistanceMOhm    median ΔV/ΔI over the hyperpolarising steps (MΩ)
 * @param timeConstantMs         median time constant (ms)
 * @param steps                  hyperpolarising steps measured
 * @param holdingPa              median command before the first change (pA): the current that holds rest
 * @param stepPa                 median current step of the measured steps (pA, negative)
 * @param stepMs                 median duration of the measured steps (ms)
 */
public record PassiveEstimate(double restMv, double inputResistanceMOhm, double timeConstantMs, int steps,
                              double holdingPa, double stepPa, double stepMs) {
    /** Segments shorter than this are not measured (ms). */
    static final double MIN_SEGMENT_MS = 60;
    /** Deflections smaller than this are too close to the noise (mV). */
    static final double MIN_DEFLECTION_MV = 1;

    /** One trace with its command (pA), both sampled every dtMs. */
    public record Trace(double[] vMv, double[] commandPa, double dtMs) { }

    /** Single-compartment capacitance τ/Rin (pF), NaN when either is unknown. */
    public double capacitancePf() {
        return 1000 * timeConstantMs / inputResistanceMOhm;
    }

    public static PassiveEstimate of(List<Trace> traces) {
        List<Double> rest = new ArrayList<>();
        List<Double> rin = new ArrayList<>();
        List<Double> tau = new ArrayList<>();
        List<Double> holding = new ArrayList<>();
        List<Double> step = new ArrayList<>();
        List<Double> duration = new ArrayList<>();
        for (Trace t : traces) {
            measure(t, rest, rin, tau, holding, step, duration);
        }
        return new PassiveEstimate(median(rest), median(rin), median(tau), rin.size(), median(holding),
                median(step), median(duration));
    }

    private static void measure(Trace t, List<Double> rest, List<Double> rin, List<Double> tau,
                                List<Double> holding, List<Double> step, List<Double> duration) {
        double[] v = t.vMv();
        double[] c = t.commandPa();
        double dt = t.dtMs();
        int n = Math.min(v.length, c.length);
        double[] spikes = SpikeTimes.detect(Arrays.copyOf(v, n), dt);
        List<int[]> segs = segments(c, n);
        if (segs.isEmpty()) {
            return;
        }
        int firstEnd = segs.get(0)[1];
        if (firstEnd * dt >= 20 && StepSweep.countIn(spikes, 0, firstEnd * dt) == 0) {
            rest.add(StepSummary.median(v, 0, firstEnd));
            holding.add(c[0]);
        }
        double[] smooth = runningMean(v, n, Math.max(1, (int) Math.round(1.0 / dt)));
        for (int s = 1; s < segs.size(); s++) {
            int a = segs.get(s)[0];
            int b = segs.get(s)[1];
            int pa = segs.get(s - 1)[0];
            double dI = c[a] - c[pa];
            boolean fromHolding = Math.abs(c[pa] - c[0]) <= tolerance(c, n);
            if (!fromHolding || !(dI < -1) || (b - a) * dt < MIN_SEGMENT_MS) {
                continue;
            }
            int base0 = Math.max(pa, a - (int) Math.round(100 / dt));
            if (StepSweep.countIn(spikes, base0 * dt - 40, b * dt) > 0 || a - base0 < 10) {
                continue;
            }
            double base = StepSummary.median(v, base0, a);
            double ss = StepSummary.median(v, a + (int) (0.8 * (b - a)), b);
            double dV = ss - base;
            if (!(dV < -MIN_DEFLECTION_MV)) {
                continue;
            }
            rin.add(dV / dI * 1000);
            step.add(dI);
            duration.add((b - a) * dt);
            double peak = 0;
            for (int i = a; i < b; i++) {
                peak = Math.min(peak, smooth[i] - base);
            }
            double target = 0.632 * peak;
            for (int i = a; i < b; i++) {
                if (smooth[i] - base <= target) {
                    tau.add((i - a) * dt);
                    break;
                }
            }
        }
    }

    /** Command changes smaller than this are noise (pA). */
    private static double tolerance(double[] c, int n) {
        double range = 0;
        for (int i = 0; i < n; i++) {
            range = Math.max(range, Math.abs(c[i] - c[0]));
        }
        return Math.max(0.5, 0.01 * range);
    }

    /** Stretches of constant command [from, to). */
    static List<int[]> segments(double[] c, int n) {
        double tol = tolerance(c, n);
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || Math.abs(c[i] - c[start]) > tol) {
                out.add(new int[] {start, i});
                start = i;
            }
        }
        return out;
    }

    private static double[] runningMean(double[] v, int n, int w) {
        double[] out = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i];
            if (i >= w) {
                s -= v[i - w];
            }
            out[i] = s / Math.min(i + 1, w);
        }
        return out;
    }

    static double median(List<Double> x) {
        if (x.isEmpty()) {
            return Double.NaN;
        }
        double[] a = x.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
    }
}
