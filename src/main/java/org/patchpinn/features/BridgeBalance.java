package org.patchpinn.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The bridge-balance error of current clamp: an uncompensated series (pipette/access) resistance Rs adds
 * Rs·I(t) to the recorded voltage, seen as an instantaneous jump at every edge of the command. The membrane
 * itself cannot jump: it charges at I/C. So a straight line fitted to V just before an edge and one fitted just
 * after it (the amplifier's filter given time to settle), both extrapolated to the edge, differ by Rs·ΔI and by
 * no charging. Edges with a spike nearby are skipped (a spike's upstroke or AHP would be read as a jump).
 */
final class BridgeBalance {
    /** Length of V fitted before an edge (ms), ending one sample before it. */
    static final double PRE_MS = 1.0;
    /** Samples right after an edge left out: the recorded V follows the command by about a sample and the
     *  amplifier's filter takes one or two more to settle (0.15 ms at 20 kHz). */
    static final double SETTLE_MS = 0.15;
    static final int MIN_SETTLE_SAMPLES = 3;
    /** Length of V fitted after the settling (ms): short, so the charging stays linear (τ ≫ 1 ms). */
    static final double POST_MS = 0.6;
    static final int MIN_FIT_SAMPLES = 6;
    /** No spike may be this close (ms) to the fitted stretches. */
    static final double SPIKE_CLEARANCE_MS = 5;
    /** Smaller current changes give too noisy a ratio. */
    static final double MIN_STEP_PA = 5;

    /**
     * One measured edge.
     *
     * @param deltaPa current change (pA)
     * @param jumpMv  instantaneous voltage change (mV)
     */
    record Edge(double deltaPa, double jumpMv, double lateJumpMv) {
        /** Rs in MΩ (mV/pA = GΩ). */
        double rsMohm() {
            return 1000 * jumpMv / deltaPa;
        }

        /** Rs read on the stretch after the fitted one ({@link #POST_MS} later; NaN where the sweep has none). */
        double lateRsMohm() {
            return 1000 * lateJumpMv / deltaPa;
        }
    }

    private BridgeBalance() {
    }

    /** Indices where the command changes by more than {@code tolPa} from one sample to the next. */
    static List<Integer> commandEdges(double[] commandPa, double tolPa) {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < commandPa.length; i++) {
            if (Math.abs(commandPa[i] - commandPa[i - 1]) > tolPa) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The edges whose jump can be measured: a step of at least {@link #MIN_STEP_PA}, the command constant over
     * both fitted stretches, inside the sweep, no spike near.
     */
    static List<Edge> measure(double[] vMv, double[] commandPa, double dtMs, List<Integer> edges, List<Spike> spikes,
                              double tolPa) {
        int n = vMv.length;
        int pre = Math.max(MIN_FIT_SAMPLES, (int) Math.round(PRE_MS / dtMs));
        int settle = Math.max(MIN_SETTLE_SAMPLES, (int) Math.ceil(SETTLE_MS / dtMs - 1e-9));
        int post = Math.max(MIN_FIT_SAMPLES, (int) Math.round(POST_MS / dtMs));
        List<Edge> out = new ArrayList<>();
        for (int e : edges) {
            // The last sample before the edge is left out too, in case a recording's V leads its command.
            int from = e - 1 - pre;
            int to = e + settle + post;
            if (from < 0 || to > n) {
                continue;
            }
            double before = commandPa[e - 1];
            double after = commandPa[e];
            if (!constant(commandPa, from, e, before, tolPa) || !constant(commandPa, e, to, after, tolPa)) {
                continue;
            }
            double delta = after - before;
            if (Math.abs(delta) < MIN_STEP_PA || spikeNear(spikes, (from * dtMs) - SPIKE_CLEARANCE_MS,
                    (to * dtMs) + SPIKE_CLEARANCE_MS)) {
                continue;
            }
            // The recorded V changes between samples e and e+1: extrapolate both lines to halfway.
            double at = e + 0.5;
            double vBefore = lineAt(vMv, from, e - 1, at);
            double jump = lineAt(vMv, e + settle, to, at) - vBefore;
            // the same read one stretch later: where the electrode has settled the two agree (see ArtefactDetector)
            boolean later = to + post <= n && constant(commandPa, to, to + post, after, tolPa)
                    && !spikeNear(spikes, to * dtMs, (to + post) * dtMs + SPIKE_CLEARANCE_MS);
            double lateJump = later ? lineAt(vMv, to, to + post, at) - vBefore : Double.NaN;
            out.add(new Edge(delta, jump, lateJump));
        }
        return out;
    }

    private static boolean constant(double[] c, int from, int to, double level, double tol) {
        for (int i = from; i < to; i++) {
            if (Math.abs(c[i] - level) > tol) {
                return false;
            }
        }
        return true;
    }

    /** Whether any spike, from its onset to 1 ms after its trough (or 5 ms after its peak), overlaps [a, b] ms. */
    static boolean spikeNear(List<Spike> spikes, double aMs, double bMs) {
        for (Spike s : spikes) {
            double start = s.thresholdTimeMs();
            double end = s.hasTrough() ? s.troughTimeMs() + 1 : s.peakTimeMs() + 5;
            if (end >= aMs && start <= bMs) {
                return true;
            }
        }
        return false;
    }

    /** Least-squares line through (i, v[i]) for i in [from, to), evaluated at x (in samples). */
    static double lineAt(double[] v, int from, int to, double x) {
        int m = to - from;
        double mx = (from + to - 1) / 2.0;
        double my = TraceMath.mean(v, from, to);
        double sxy = 0;
        double sxx = 0;
        for (int i = from; i < to; i++) {
            double dx = i - mx;
            sxy += dx * (v[i] - my);
            sxx += dx * dx;
        }
        double slope = m > 1 ? sxy / sxx : 0;
        return my + slope * (x - mx);
    }
}
