package org.patchpinn.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patchpinn.numeric.Median;

/**
 * Depolarisation block: a strong step holds the membrane so depolarised that Na channels stay inactivated and
 * the cell stops firing. Seen two ways: within a sweep, the spikes stop well before the step ends while V stays
 * above the threshold at which they started (adaptation also stops spikes, but V then settles below
 * threshold); across sweeps, fewer spikes at a larger current.
 */
final class DepolarisationBlock {
    /** Spikes stopping before this fraction of the step count as stopping early. */
    static final double EARLY_FRACTION = 0.6;
    /** Time after the last spike's peak before the plateau is measured (ms): its AHP is over. */
    static final double AFTER_SPIKE_MS = 10;
    /** V counts as held when its 5-95 % range over the plateau is below this (mV): slow or small spikes the
     *  detector misses (a cell on its way into block) keep the range wide. */
    static final double HELD_RANGE_MV = 10;

    private DepolarisationBlock() {
    }

    /**
     * Why this sweep's step shows block, or null: the last spike in the window before {@link #EARLY_FRACTION}
     * of it and V from then to the end of the step held (5-95 % range below {@link #HELD_RANGE_MV}) with its
     * median above the lowest spike threshold of the step.
     */
    static String withinStep(double[] vMv, double dtMs, StimulusWindow w, double amplitudePa, List<Spike> spikes) {
        if (!(amplitudePa > 0)) {
            return null;
        }
        List<Spike> in = spikes.stream().filter(s -> w.contains(s.peakTimeMs())).toList();
        if (in.isEmpty()) {
            return null;
        }
        Spike last = in.get(in.size() - 1);
        double stopFraction = (last.peakTimeMs() - w.startMs()) / w.durationMs();
        if (stopFraction >= EARLY_FRACTION) {
            return null;
        }
        int from = TraceMath.indexAtOrAfter(last.peakTimeMs() + AFTER_SPIKE_MS, dtMs, vMv.length);
        int to = TraceMath.indexAtOrAfter(w.endMs(), dtMs, vMv.length);
        if (to - from < 2) {
            return null;
        }
        double[] sorted = Arrays.copyOfRange(vMv, from, to);
        Arrays.sort(sorted);
        double plateau = Median.of(sorted);
        double range = sorted[(int) (0.95 * (sorted.length - 1))] - sorted[(int) (0.05 * (sorted.length - 1))];
        double threshold = in.stream().mapToDouble(Spike::thresholdMv).min().orElse(Double.NaN);
        if (!(plateau > threshold) || !(range < HELD_RANGE_MV)) {
            return null;
        }
        return String.format(Locale.ROOT, "depolarisation block: spikes stop at %.0f %% of the step, V then stays "
                + "at %.1f mV (spike threshold %.1f mV)", 100 * stopFraction, plateau, threshold);
    }

    /**
     * What the block warning adds when most depolarising steps with spikes (or in complete block, no spike at all)
     * are flagged, else "": the within-step rule cannot tell that from a phasic cell, which fires a burst and then
     * holds a plateau above threshold on every step, so the user is told before a fit leaves the cell's whole
     * suprathreshold range out.
     *
     * @param blocked flagged sweeps, by position in the arrays
     */
    static String phasicNote(List<Integer> blocked, double[] amplitudePa, int[] spikesInStep) {
        int steps = 0;
        for (int k = 0; k < amplitudePa.length; k++) {
            steps += amplitudePa[k] > 0 && (spikesInStep[k] > 0 || blocked.contains(k)) ? 1 : 0;
        }
        return 2 * blocked.size() > steps ? String.format(Locale.ROOT, "; that is %d of the %d steps with spikes or "
                + "block: a phasic cell (a burst, then a plateau above threshold on every step) looks the same, and "
                + "if this cell is one those sweeps are its firing pattern, to be given roles (sweeps, selection, "
                + "holdout) rather than left out", blocked.size(), steps) : "";
    }

    /**
     * Sweeps (by position in the arrays) whose depolarising step fires clearly fewer spikes than a weaker one:
     * at least max(2, 20 %) fewer than the most any smaller current evoked.
     */
    static Map<Integer, String> countFalls(double[] amplitudePa, int[] spikeCounts) {
        Integer[] order = new Integer[amplitudePa.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(amplitudePa[a], amplitudePa[b]));
        Map<Integer, String> out = new LinkedHashMap<>();
        List<Integer> lower = new ArrayList<>();
        for (int k : order) {
            if (!(amplitudePa[k] > 0)) {
                continue;
            }
            int best = -1;
            for (int j : lower) {
                if (amplitudePa[j] < amplitudePa[k] && (best < 0 || spikeCounts[j] > spikeCounts[best])) {
                    best = j;
                }
            }
            if (best >= 0) {
                int max = spikeCounts[best];
                if (spikeCounts[k] <= max - SpikeTrains.countTolerance(max)) {
                    out.put(k, String.format(Locale.ROOT, "spike count falls as the current rises: %d spikes at "
                            + "%.4g pA, %d at %.4g pA (depolarisation block, or spikes too slow for the detector)",
                            spikeCounts[k], amplitudePa[k], max, amplitudePa[best]));
                }
            }
            lower.add(k);
        }
        return out;
    }
}
