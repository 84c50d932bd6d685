package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.trace.CurrentClampSweep;

/**
 * A sweep recorded faster than 20 kHz is fitted on the 0.05 ms grid: the voltage interpolated, the command held, the
 * data's spike times as detected at the full rate, and never a sample beyond the recording (the simulator refuses to
 * run past its stimulus).
 */
class WorkingGridTest {
    /** A 50 kHz (or other) sweep: a 100 pA step from 20 to 120 ms under V = −65 + 10·sin(t / 7 ms), plus spikes. */
    private static FitSweep sweep(double dt, int n) {
        double[] v = new double[n];
        double[] i = new double[n];
        for (int k = 0; k < n; k++) {
            double t = k * dt;
            v[k] = -65 + 10 * Math.sin(t / 7);
            i[k] = t >= 20 && t < 120 ? 100 : 0;
        }
        return new FitSweep(new CurrentClampSweep(3, v, i, dt), Stimuli.sampled(i, dt, "test"), new double[]{42.17},
                null);
    }

    @Test
    void aFastSweepIsSeenAt20KHz() {
        FitSweep fast = sweep(0.02, 10_001);
        FitSweep grid = WorkingGrid.of(fast);
        assertEquals(0.05, grid.dtMs(), 1e-12);
        assertEquals(4000, grid.length(), "200.02 ms of samples hold 4000 whole 0.05 ms intervals, not 4001");
        assertTrue(grid.durationMs() <= fast.durationMs() + 1e-9);
        assertEquals(3, grid.index());
        for (int k = 0; k < grid.length(); k++) {
            double t = k * 0.05;
            // linear interpolation of a 7 ms sine between samples 0.02 ms apart: error ≤ 10·(0.02)²/(8·49) ≈ 1.02e-5
            assertEquals(-65 + 10 * Math.sin(t / 7), grid.vMv()[k], 1.1e-5, "V at " + t + " ms");
            assertEquals(t >= 20 - 1e-9 && t < 120 - 1e-9 ? 100 : 0, grid.iPa()[k], 1e-12, "command at " + t + " ms");
        }
        assertArrayEquals(new double[]{42.17}, grid.spikeTimesMs(), "the data's spikes stay as read at full rate");
        assertSame(fast.stim(), grid.stim(), "the model is driven by the recorded command itself");
    }

    @Test
    void theModelCanBeSimulatedOnTheGridOfAnyFasterRate() {
        ModelSpec m = BuiltinModels.get("traub-rs-m");
        for (double dt : new double[]{0.02, 1 / 30.0, 0.01, 0.005, 0.045}) {
            FitSweep grid = WorkingGrid.of(sweep(dt, (int) Math.round(151.37 / dt)));
            assertEquals(0.05, grid.dtMs(), 1e-12);
            double[] v = Simulator.shared().voltage(m, m.values(), grid.stim(), grid.durationMs(), grid.dtMs());
            assertEquals(grid.length(), v.length, "dt " + dt);
        }
    }

    @Test
    void sweepsAt20KHzOrSlowerAreLeftAsRecorded() {
        for (double dt : new double[]{0.05, 0.1, 0.2}) {
            FitSweep s = sweep(dt, 2000);
            assertSame(s, WorkingGrid.of(s));
        }
    }
}
