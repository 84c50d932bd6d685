package org.patchpinn.features;

import java.util.LinkedHashMap;
import java.util.Map;
import org.patchpinn.numeric.Median;

/**
 * Finds the stimulus window in a command (stimulus) waveform: the longest stretch at a level other than
 * the holding level, the first one if several are equally long. The holding level is the level the sweep
 * starts at (ABF files begin with a holding stretch of 1/64 of the sweep). Consecutive epochs at different
 * levels (a prepulse running straight into a step) are separate stretches; a ramp is one stretch.
 */
public final class StimulusWindows {
    /** Level changes smaller than this fraction of the command's range are noise. */
    private static final double LEVEL_TOLERANCE = 0.01;

    private StimulusWindows() {
    }

    /** The stimulus window of one sweep's command, or null when the command never leaves holding. */
    public static StimulusWindow fromCommand(double[] command, double dtMs) {
        int[] run = longestStep(command);
        return run == null ? null : new StimulusWindow(run[0] * dtMs, run[1] * dtMs);
    }

    /**
     * The step amplitude during {@code window}: mean command inside it minus the holding level (same unit as
     * the command).
     */
    public static double amplitude(double[] command, double dtMs, StimulusWindow window) {
        int n = command.length;
        int from = TraceMath.indexAtOrAfter(window.startMs(), dtMs, n);
        int to = TraceMath.indexAtOrAfter(window.endMs(), dtMs, n);
        return TraceMath.mean(command, from, to) - holding(command);
    }

    /**
     * The window most sweeps agree on (ties: the longer, then the earlier), so that every sweep of a step
     * protocol is measured over the same interval even where one sweep's step is at the holding level; null
     * when no sweep has a step.
     */
    public static StimulusWindow common(Iterable<double[]> commands, double dtMs) {
        Map<StimulusWindow, Integer> votes = new LinkedHashMap<>();
        for (double[] c : commands) {
            StimulusWindow w = fromCommand(c, dtMs);
            if (w != null) {
                votes.merge(w, 1, Integer::sum);
            }
        }
        StimulusWindow best = null;
        int bestVotes = 0;
        for (Map.Entry<StimulusWindow, Integer> e : votes.entrySet()) {
            StimulusWindow w = e.getKey();
            int k = e.getValue();
            if (best == null || k > bestVotes || (k == bestVotes && w.durationMs() > best.durationMs())) {
                best = w;
                bestVotes = k;
            }
        }
        return best;
    }

    /**
     * Median of V (mV) over the window's second half: the steady level a step holds the membrane at; NaN when that
     * half has no sample in {@code vMv}.
     */
    public static double secondHalfMedianMv(double[] vMv, double dtMs, StimulusWindow window) {
        int from = (int) Math.round((window.startMs() + window.endMs()) / 2 / dtMs);
        int to = Math.min(vMv.length, (int) Math.round(window.endMs() / dtMs));
        return Median.of(vMv, from, to);
    }

    /**
     * Where the command sits at its holding level (within the tolerance that finds steps): no stimulus is injected
     * there, so a spike there is the cell's own (spontaneous, or a rebound after a step).
     */
    public static boolean[] atHolding(double[] command) {
        boolean[] out = new boolean[command.length];
        double tol = tolerance(command);
        double hold = holding(command);
        for (int i = 0; i < command.length; i++) {
            out[i] = Math.abs(command[i] - hold) <= tol;
        }
        return out;
    }

    /**
     * Mean of the first half of the initial stretch at the first sample's level (the second half may already
     * be the slow start of a ramp).
     */
    static double holding(double[] c) {
        if (c.length == 0) {
            return Double.NaN;
        }
        int k = initialStretch(c, tolerance(c));
        int m = Math.max(1, k / 2);
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += c[i];
        }
        return sum / m;
    }

    private static int initialStretch(double[] c, double tol) {
        int k = 0;
        while (k < c.length && Math.abs(c[k] - c[0]) <= tol) {
            k++;
        }
        return k;
    }

    /** [from, to) of the longest non-holding stretch, or null. */
    private static int[] longestStep(double[] c) {
        int n = c.length;
        if (n == 0) {
            return null;
        }
        double tol = tolerance(c);
        double hold = holding(c);
        double eps = exactness(c, tol, hold);
        int[] best = null;
        int i = 0;
        while (i < n) {
            if (Math.abs(c[i] - hold) <= tol) {
                i++;
                continue;
            }
            int from = i;
            i++;
            // A stretch ends at holding or at a jump (a ramp changes gradually and stays one stretch).
            while (i < n && Math.abs(c[i] - hold) > tol && Math.abs(c[i] - c[i - 1]) <= tol) {
                i++;
            }
            // A ramp leaves holding gradually: include its first samples that differ from holding by less than
            // the step tolerance but more than the holding level's own noise.
            while (from > 0 && Math.abs(c[from - 1] - hold) > eps && Math.abs(c[from - 1] - c[from]) <= tol) {
                from--;
            }
            int to = i;
            while (to < n && Math.abs(c[to] - hold) > eps && Math.abs(c[to] - c[to - 1]) <= tol) {
                to++;
            }
            if (best == null || to - from > best[1] - best[0]) {
                best = new int[] {from, to};
            }
            i = Math.max(i, to);
        }
        return best;
    }

    /** How far from holding a sample must be to count as stimulus: twice the holding level's noise. */
    private static double exactness(double[] c, double tol, double hold) {
        int k = initialStretch(c, tol);
        double noise = 0;
        for (int i = 0; i < Math.max(1, k / 2); i++) {
            noise = Math.max(noise, Math.abs(c[i] - hold));
        }
        return Math.max(1e-6 * tol, 2 * noise);
    }

    private static double tolerance(double[] c) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double d : c) {
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        return Math.max(1e-9, LEVEL_TOLERANCE * (max - min));
    }
}
