package org.patchpinn.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpinn.numeric.Median;
import org.patchpinn.numeric.Quantile;

/**
 * Finds the stimulus window in a command (stimulus) waveform: the longest stretch at a level other than
 * the holding level, the first one if several are equally long. The holding level is the level the sweep
 * starts at (ABF files begin with a holding stretch of 1/64 of the sweep). Consecutive epochs at different
 * levels (a prepulse running straight into a step) are separate stretches; a ramp is one stretch.
 */
public final class StimulusWindows {
    /** Level changes smaller than this fraction of the command's range are noise. */
    private static final double LEVEL_TOLERANCE = 0.01;
    /**
     * How much a step's command may vary inside its window, as a fraction of the step's amplitude: the spread
     * between the 10th and 90th percentiles (a ramp's is 80 % of its range, a sampled step's is its noise).
     */
    private static final double FLATNESS = 0.2;

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
     * The protocol's step window: of every sweep's stretches away from holding, the one where the sweeps' commands
     * take the most different levels (the epoch the protocol sweeps); ties (one sweep, or repeated identical sweeps):
     * the window most sweeps have, then the longer, then the earlier. Every sweep is then measured over the same step,
     * even a sweep whose step is at the holding level and a protocol whose fixed test pulse is longer than its
     * steps (17o05028_ic_steps' 0 pA sweep had been read at its fixed -50 pA pulse). Null when no sweep leaves holding.
     */
    public static StimulusWindow common(Iterable<double[]> commands, double dtMs) {
        List<double[]> cs = new ArrayList<>();
        commands.forEach(cs::add);
        Map<StimulusWindow, Integer> votes = new LinkedHashMap<>();
        for (double[] c : cs) {
            for (int[] run : stretches(c)) {
                votes.merge(new StimulusWindow(run[0] * dtMs, run[1] * dtMs), 1, Integer::sum);
            }
        }
        Map<StimulusWindow, Integer> levels = new LinkedHashMap<>();
        for (StimulusWindow w : votes.keySet()) {
            double[] a = new double[cs.size()];
            for (int k = 0; k < a.length; k++) {
                a[k] = amplitude(cs.get(k), dtMs, w);
            }
            levels.put(w, distinctLevels(a));
        }
        StimulusWindow best = null;
        for (StimulusWindow w : votes.keySet()) {
            if (best == null || better(w, best, levels, votes)) {
                best = w;
            }
        }
        return best;
    }

    /**
     * The protocol's step window ({@link #common}), or null when no sweep holds a non-zero level there ({@link #flat}):
     * a ramp protocol has no step, and its 0 pA sweep is then no "0 pA step" (17o05027_ic_ramp.abf was fitted as a
     * cell firing at a 0 pA step when it was read so).
     */
    public static StimulusWindow stepWindow(List<double[]> commands, double dtMs) {
        StimulusWindow w = common(commands, dtMs);
        return w != null && stepsIn(commands, dtMs, w) ? w : null;
    }

    /** Whether some command holds a flat, non-zero step in the protocol's window {@code w} ({@link #stepWindow}). */
    public static boolean stepsIn(List<double[]> commands, double dtMs, StimulusWindow w) {
        for (double[] c : commands) {
            StimulusWindow own = inSweep(c, dtMs, w);
            double amp = amplitude(c, dtMs, own);
            if (amp != 0 && flat(c, dtMs, own, amp)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the command holds one level inside {@code window}: the spread between its 10th and 90th percentiles
     * there is at most {@link #FLATNESS} of the step's {@code amplitude} (a ramp, a sine or a recorded waveform is
     * no step: its mean is not the current that the spikes answer).
     */
    public static boolean flat(double[] command, double dtMs, StimulusWindow window, double amplitude) {
        int from = Math.max(0, (int) Math.round(window.startMs() / dtMs));
        int to = Math.min(command.length, (int) Math.round(window.endMs() / dtMs));
        if (to - from < 2) {
            return true;
        }
        double[] in = Arrays.copyOfRange(command, from, to);
        Arrays.sort(in);
        return Quantile.ofSorted(in, 0.9) - Quantile.ofSorted(in, 0.1) <= FLATNESS * Math.abs(amplitude);
    }

    /**
     * How many different levels (beyond {@link #LEVEL_TOLERANCE} of the largest) the amplitudes take; a sweep that
     * ends before the window (NaN) has none.
     */
    private static int distinctLevels(double[] amplitudes) {
        double[] a = Arrays.stream(amplitudes).filter(Double::isFinite).sorted().toArray();
        double tol = 0;
        for (double x : a) {
            tol = Math.max(tol, LEVEL_TOLERANCE * Math.abs(x));
        }
        int n = a.length == 0 ? 0 : 1;
        for (int k = 1; k < a.length; k++) {
            n += a[k] - a[k - 1] > tol ? 1 : 0;
        }
        return n;
    }

    private static boolean better(StimulusWindow w, StimulusWindow best, Map<StimulusWindow, Integer> levels,
                                  Map<StimulusWindow, Integer> votes) {
        int dl = levels.get(w) - levels.get(best);
        if (dl != 0) {
            return dl > 0;
        }
        int dv = votes.get(w) - votes.get(best);
        return dv > 0 || (dv == 0 && w.durationMs() > best.durationMs());
    }

    /**
     * One sweep's step given the protocol's ({@link #common}): the sweep's own stretch away from holding that overlaps
     * it most (a protocol may lengthen its steps sweep by sweep), or the protocol's window itself where the sweep
     * stays at holding there (a 0 pA step). Without a protocol window: {@link #fromCommand}.
     */
    public static StimulusWindow inSweep(double[] command, double dtMs, StimulusWindow protocol) {
        if (protocol == null) {
            return fromCommand(command, dtMs);
        }
        StimulusWindow best = protocol;
        double most = 0;
        for (int[] run : stretches(command)) {
            double overlap = Math.min(run[1] * dtMs, protocol.endMs()) - Math.max(run[0] * dtMs, protocol.startMs());
            if (overlap > most) {
                most = overlap;
                best = new StimulusWindow(run[0] * dtMs, run[1] * dtMs);
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

    /** [from, to) of the longest non-holding stretch (the first of equally long ones), or null. */
    private static int[] longestStep(double[] c) {
        int[] best = null;
        for (int[] run : stretches(c)) {
            if (best == null || run[1] - run[0] > best[1] - best[0]) {
                best = run;
            }
        }
        return best;
    }

    /** [from, to) of every non-holding stretch, in order. */
    private static List<int[]> stretches(double[] c) {
        int n = c.length;
        List<int[]> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        double tol = tolerance(c);
        double hold = holding(c);
        double eps = exactness(c, tol, hold);
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
            out.add(new int[] {from, to});
            i = Math.max(i, to);
        }
        return out;
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
