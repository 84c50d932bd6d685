package org.patchpinn.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The electrode's transient at a command edge that crosses the spike threshold: with sharp electrodes and an
 * over-neutralised capacitance the first samples after a step's edge can swing tens of mV (one sample 59 mV above
 * rest at the onset of a −1.6 nA step in 96711008.abf, a real CA1 recording), and a spike counter reads that as
 * an action potential — on hyperpolarising steps too, which then set the fit's rheobase and sweep roles. A
 * membrane cannot charge from below the threshold to above it within {@link #AFTER_EDGE_MS} of a step's edge,
 * and an action potential stays above it for longer than {@link #MAX_ABOVE_MS}; a crossing that does both is
 * the electrode's. The fit bridges over it ({@link #bridged}); the artefact report names the sweeps.
 */
public final class EdgeTransients {
    /** A transient's crossing starts within this time after the edge (ms). */
    static final double AFTER_EDGE_MS = 0.5;
    /** ... and V is back below the threshold within this time of the crossing (ms). */
    static final double MAX_ABOVE_MS = 0.3;
    /** A command change larger than this from one sample to the next is an edge (pA). */
    static final double EDGE_PA = 1;

    private EdgeTransients() {
    }

    /**
     * The samples [from, to) of every edge transient: from the edge to the first sample back below
     * {@link SpikeTimes#THRESHOLD_MV}.
     *
     * @param vMv       recorded voltage (mV)
     * @param commandPa the command at the same samples (pA)
     */
    public static List<int[]> find(double[] vMv, double[] commandPa, double dtMs) {
        double thr = SpikeTimes.THRESHOLD_MV;
        int window = (int) Math.ceil(AFTER_EDGE_MS / dtMs - 1e-9);
        int maxAbove = Math.max(1, (int) Math.ceil(MAX_ABOVE_MS / dtMs - 1e-9));
        List<int[]> out = new ArrayList<>();
        int n = Math.min(vMv.length, commandPa.length);
        for (int e : BridgeBalance.commandEdges(commandPa, EDGE_PA)) {
            if (e < 1 || vMv[e - 1] >= thr || (!out.isEmpty() && out.get(out.size() - 1)[1] > e)) {
                continue;
            }
            int up = e;
            while (up < n && up <= e + window && vMv[up] < thr) {
                up++;
            }
            if (up >= n || up > e + window) {
                continue;
            }
            int down = up;
            while (down < n && vMv[down] >= thr) {
                down++;
            }
            if (down < n && down - up <= maxAbove) {
                out.add(new int[] {e, down});
            }
        }
        return out;
    }

    /** A copy of {@code vMv} with every edge transient ({@link #find}) bridged over ({@link #bridged}). */
    public static double[] removed(double[] vMv, double[] commandPa, double dtMs) {
        return bridged(vMv, find(vMv, commandPa, dtMs));
    }

    /** A copy of {@code vMv} with each span replaced by the straight line from the sample before to the one after. */
    public static double[] bridged(double[] vMv, List<int[]> spans) {
        double[] out = vMv.clone();
        for (int[] s : spans) {
            double a = out[s[0] - 1];
            double b = out[s[1]];
            int len = s[1] - s[0] + 1;
            for (int i = s[0]; i < s[1]; i++) {
                out[i] = a + (b - a) * (i - s[0] + 1) / len;
            }
        }
        return out;
    }
}
