package org.patchpinn.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.patchpinn.numeric.Median;

/**
 * The passive response of one trace, measured the same way on data and on model traces: the resting potential (median
 * before the first command change, when that stretch is at least {@value #MIN_REST_MS} ms and spike-free) and every
 * hyperpolarising step away from the holding level with no spike nearby (main steps and prepulses alike; not the
 * returns from depolarising steps, where slow currents are still active): its steady-state deflection (median of the
 * step's last fifth minus the median of up to 100 ms before it), hence its input resistance ΔV/ΔI, and its membrane
 * time constant (time to 63 % of the peak deflection, on a 1 ms running mean), and its early deflection (the most
 * negative point of a 5 ms running mean), which a hyperpolarisation-activated current (sag) leaves behind.
 * <p>
 * This is the per-step input resistance: the fit's passive estimate and constraint, and the artefact check when
 * the cell features have none, take medians of it. The reported cell feature {@link CellFeatures#inputResistanceMOhm}
 * is deliberately different (eFEL/IPFX: slope of the stimulus-window deflection against step amplitude over
 * sweeps, which cancels an offset common to all steps, and ignores prepulses).
 *
 * <p>
 * A cell that fires at the holding current has no rest and few spike-free baselines, so its hyperpolarising steps
 * are also read as {@link Level}s: the steady state they reach, whatever came before them.
 *
 * @param restMv       median V before the first command change (mV), NaN when that stretch is too short or spikes
 * @param holdingPa    command before the first change (pA), NaN with the rest
 * @param steps        the hyperpolarising steps measured, in time order
 * @param levels       every spike-free hyperpolarising step from holding, read as a steady state (time order)
 * @param firesAtHolding whether the trace fires before its first command change
 * @param quiescent    whether the trace fires nowhere while the command is at its holding level (before, between and
 *                     after the steps): only then is the stretch before the first change a rest and not the way
 *                     from one spike to the next
 */
public record PassiveSteps(double restMv, double holdingPa, List<Step> steps, List<Level> levels,
                           boolean firesAtHolding, boolean quiescent) {
    /** Segments shorter than this are not measured (ms). */
    public static final double MIN_SEGMENT_MS = 60;
    /**
     * A stretch before the first command change at least this long is read as the rest (ms): some protocols step
     * 15.6 ms into the sweep (three cells of one lab, 156 samples at 10 kHz), and at 20 ms their fit had a rest only
     * where a 0 pA sweep trained, and otherwise solved no leak at all.
     */
    public static final double MIN_REST_MS = 10;
    /** Deflections smaller than this are too close to the noise (mV). */
    public static final double MIN_DEFLECTION_MV = 1;
    /** Running mean the early (peak) deflection is read on (ms): long enough that noise does not deepen it. */
    static final double PEAK_MEAN_MS = 5;
    /** A step sags when its peak is deeper than its steady state by this fraction of the steady deflection... */
    static final double SAG_FRACTION = 0.1;
    /** ...and by at least this much (mV). */
    static final double MIN_SAG_MV = 1;

    /**
     * One hyperpolarising step.
     *
     * @param deltaPa        current change from the holding level (pA, negative)
     * @param deflectionMv   steady-state V minus V before the step (mV, negative)
     * @param durationMs     step duration (ms)
     * @param timeConstantMs time to 63 % of the peak deflection (ms), NaN when never reached
     * @param peakMv         most negative V of a {@value #PEAK_MEAN_MS} ms running mean minus V before the step (mV)
     */
    public record Step(double deltaPa, double deflectionMv, double durationMs, double timeConstantMs,
                       double peakMv) {
        /** ΔV/ΔI (MΩ). */
        public double resistanceMOhm() {
            return deflectionMv / deltaPa * 1000;
        }

        /** Whether the response relaxes from its peak towards a shallower steady state (a sag current opening). */
        public boolean sags() {
            return deflectionMv - peakMv > Math.max(MIN_SAG_MV, -SAG_FRACTION * deflectionMv);
        }

        /**
         * ΔV/ΔI before a sag current has opened (MΩ): at the peak where the step sags, else the steady state.
         * The membrane without that current, which a model that lacks it should have.
         */
        public double resistanceBeforeSagMOhm() {
            return (sags() ? peakMv : deflectionMv) / deltaPa * 1000;
        }
    }

    /**
     * A hyperpolarising step read as a point of the steady-state current–voltage relation: it needs no spike-free
     * baseline before it, only none inside it.
     *
     * @param commandPa  the command during the step (pA, absolute)
     * @param steadyMv   median V over the step's last fifth (mV, absolute)
     * @param durationMs step duration (ms)
     * @param holdingPa  the command before the step (pA): the holding current it was taken from
     * @param returnMv   V after the step, back at that command, from its end up to the first spike, the next command
     *                   change or {@value #RETURN_MS} ms, on a 1 ms running mean: the relaxation from a steady state
     * @param dtMs       sampling interval of {@code returnMv}
     */
    public record Level(double commandPa, double steadyMv, double durationMs, double holdingPa, double[] returnMv,
                        double dtMs) {
        /**
         * The time constant of the return: the time V takes to rise by {@value #RETURN_FRACTION} of {@code riseMv}
         * (Rin·ΔI of the side measured) from the steady state, over −ln(1 − {@value #RETURN_FRACTION}), the τ of an
         * exponential rising that way; NaN when a spike or the end of the stretch comes first, or the rise is under
         * {@value #MIN_DEFLECTION_MV} mV. It starts from a steady
         * state whatever the cell did before the step, unlike a step's onset in a firing cell.
         */
        public double returnTimeConstantMs(double riseMv) {
            if (!(riseMv > MIN_DEFLECTION_MV)) {
                return Double.NaN;
            }
            for (int i = 0; i < returnMv.length; i++) {
                if (returnMv[i] - steadyMv >= RETURN_FRACTION * riseMv) {
                    return i * dtMs / -Math.log(1 - RETURN_FRACTION);
                }
            }
            return Double.NaN;
        }
    }

    /** How long after a step's end its return is kept (ms). */
    public static final double RETURN_MS = 300;
    /**
     * The part of the return its time constant is read on. The end of the return, near the holding level, is where
     * voltage-dependent currents take over: an A-current de-inactivated by the step held 63 % of the rise back for
     * 83–104 ms in cells whose Cm·Rin is 25 ms, while the first 30 % read 26–30 ms (session 24).
     */
    public static final double RETURN_FRACTION = 0.3;

    /** Measures one trace: V {@code v} (mV) and command {@code c} (pA), both sampled every {@code dt} ms. */
    public static PassiveSteps of(double[] v, double[] c, double dt) {
        int n = Math.min(v.length, c.length);
        double[] spikes = SpikeTimes.detect(Arrays.copyOf(v, n), dt);
        List<int[]> segs = segments(c, n);
        if (segs.isEmpty()) {
            return new PassiveSteps(Double.NaN, Double.NaN, List.of(), List.of(), false, spikes.length == 0);
        }
        double rest = Double.NaN;
        double holding = Double.NaN;
        int firstEnd = segs.get(0)[1];
        boolean firesAtHolding = SpikeTimes.countIn(spikes, 0, firstEnd * dt) > 0;
        if (firstEnd * dt >= MIN_REST_MS && !firesAtHolding) {
            rest = Median.upper(v, 0, firstEnd);
            holding = c[0];
        }
        List<Step> steps = new ArrayList<>();
        List<Level> levels = new ArrayList<>();
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
            // the return is read only where the command goes back to the holding level after the step
            int next = s + 1 < segs.size() && Math.abs(c[segs.get(s + 1)[0]] - c[pa]) <= tolerance(c, n)
                    ? segs.get(s + 1)[1] : b;
            Level level = level(v, smooth, spikes, c[a], c[pa], a, b, next, dt);
            if (level != null) {
                levels.add(level);
            }
            int base0 = Math.max(pa, a - (int) Math.round(100 / dt));
            if (SpikeTimes.countIn(spikes, base0 * dt - 40, b * dt) > 0 || a - base0 < 10) {
                continue;
            }
            double base = Median.upper(v, base0, a);
            double dV = Median.upper(v, a + (int) (0.8 * (b - a)), b) - base;
            if (!(dV < -MIN_DEFLECTION_MV)) {
                continue;
            }
            double peak = 0;
            for (int i = a; i < b; i++) {
                peak = Math.min(peak, smooth[i] - base);
            }
            double slowPeak = Math.min(0, lowestMean(v, a, b, Math.max(1, (int) Math.round(PEAK_MEAN_MS / dt)))
                    - base);
            double tau = Double.NaN;
            for (int i = a; i < b; i++) {
                if (smooth[i] - base <= 0.632 * peak) {
                    tau = (i - a) * dt;
                    break;
                }
            }
            steps.add(new Step(dI, dV, (b - a) * dt, tau, Math.min(slowPeak, dV)));
        }
        boolean quiescent = !firesAtHolding
                && SpikeTimes.countWhere(spikes, StimulusWindows.atHolding(Arrays.copyOf(c, n)), dt) == 0;
        return new PassiveSteps(rest, holding, List.copyOf(steps), List.copyOf(levels), firesAtHolding, quiescent);
    }

    /**
     * The step [a, b) as a {@link Level}, or null when it spikes (a rebound after it does not count); its return
     * runs from b to the first spike after it, {@code next} (the end of the stretch back at holding) or
     * {@value #RETURN_MS} ms.
     */
    private static Level level(double[] v, double[] smooth, double[] spikes, double commandPa, double holdingPa,
                               int a, int b, int next, double dt) {
        if (SpikeTimes.countIn(spikes, a * dt, b * dt) > 0) {
            return null;
        }
        double steady = Median.upper(v, a + (int) (0.8 * (b - a)), b);
        int end = Math.min(next, b + (int) Math.round(RETURN_MS / dt));
        for (double t : spikes) {
            if (t >= b * dt) {
                // stop before the spike's upstroke (its time is the peak's)
                end = Math.min(end, Math.max(b, (int) Math.floor((t - 2) / dt)));
                break;
            }
        }
        return new Level(commandPa, steady, (b - a) * dt, holdingPa, Arrays.copyOfRange(smooth, b, end), dt);
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
    private static List<int[]> segments(double[] c, int n) {
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

    /**
     * The lowest value over [a, b) of the trailing {@code w}-sample running mean of {@link #runningMean}, computed
     * on that stretch only: this runs for every model candidate the passive constraint measures.
     */
    private static double lowestMean(double[] v, int a, int b, int w) {
        int start = Math.max(0, a - w + 1);
        double s = 0;
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = start; i < b; i++) {
            s += v[i];
            if (i - start >= w) {
                s -= v[i - w];
            }
            if (i >= a) {
                lowest = Math.min(lowest, s / Math.min(i - start + 1, w));
            }
        }
        return lowest;
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
}
