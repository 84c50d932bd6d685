package org.patchpinn.fit;

import org.patchpinn.trace.CurrentClampSweep;

/**
 * The sampling grid the fits search on: a sweep recorded faster than 20 kHz is seen at {@value #DT_MS} ms (V
 * linearly interpolated, the command held, the data's spike times as detected at the full rate), so a 50 or 200 kHz
 * recording costs what a 20 kHz one does and is fitted with the same numerics: the searches integrate at
 * {@link StagedFit#SEARCH_STEP_MS} whatever the rate, and an AP ~1 ms wide is resolved at 20 kHz. Validation
 * simulates every sample of the recording.
 */
public final class WorkingGrid {
    /** The working sampling interval (ms): the staged fit's search step. */
    public static final double DT_MS = StagedFit.SEARCH_STEP_MS;

    private WorkingGrid() {
    }

    /**
     * Every how many samples a per-sample report keeps (e.g. {@code states.csv}): the largest k with k·dt ≤
     * {@value #DT_MS} ms, 1 at 20 kHz or slower; a 200 kHz recording's table would otherwise have ten times the rows
     * for nothing the plots or a reader can use.
     */
    public static int stride(double dtMs) {
        return Math.max(1, (int) Math.floor(DT_MS / dtMs + 1e-9));
    }

    /** The sweep on the working grid; the sweep itself when it is sampled at 20 kHz or slower. */
    static FitSweep of(FitSweep s) {
        double dt = s.dtMs();
        if (dt >= DT_MS * (1 - 1e-6)) {
            return s;
        }
        // no sample beyond the recorded duration: the stimulus lasts exactly as long as the recording
        int n = (int) Math.floor(s.length() * dt / DT_MS + 1e-9);
        double[] v = new double[n];
        double[] i = new double[n];
        double[] vFull = s.vMv();
        double[] iFull = s.iPa();
        for (int k = 0; k < n; k++) {
            double x = k * DT_MS / dt;
            int j = Math.min((int) Math.floor(x + 1e-9), vFull.length - 1);
            double f = Math.max(0, x - j);
            v[k] = j + 1 < vFull.length ? vFull[j] + f * (vFull[j + 1] - vFull[j]) : vFull[j];
            i[k] = iFull[j];
        }
        return new FitSweep(new CurrentClampSweep(s.index(), v, i, DT_MS), s.stim(), s.spikeTimesMs(),
                s.protocolWindow());
    }
}
