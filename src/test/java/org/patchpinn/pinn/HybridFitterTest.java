package org.patchpinn.pinn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.task.CancelledException;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.CurrentClampSweep;

/** A tiny synthetic problem: squid HH sweeps simulated here, conductances perturbed, a few Adam steps. */
class HybridFitterTest {
    static final double DT = 0.05;

    /** Two short squid sweeps (40 ms, steps of 300/600 pA from 5 ms) simulated with the textbook values. */
    static CurrentClampData squidData() {
        FittedModel truth = new FittedModel(TestBases.HH_SQUID, TestBases.HH_SQUID.values(), List.of());
        java.util.List<CurrentClampSweep> sweeps = new java.util.ArrayList<>();
        double[] amps = {300, 600};
        for (int s = 0; s < amps.length; s++) {
            double[] i = new double[800];
            for (int k = 100; k < i.length; k++) {
                i[k] = amps[s];
            }
            double[] v = truth.simulateExpEuler(i, DT, -65, 4).v();
            sweeps.add(new CurrentClampSweep(s, v, i, DT));
        }
        return new CurrentClampData("synthetic", DT, sweeps);
    }

    static HybridFitter.Options options(int steps) {
        double[] init = TestBases.HH_SQUID.values();
        init[1] *= 0.9;
        init[2] *= 1.1;
        return HybridFitter.Options.builder(TestBases.HH_SQUID, 0).steps(steps).evalEvery(steps)
                .init(init).device("cpu").build();
    }

    @Test
    void lossFallsAndRunsAreReproducible() {
        CurrentClampData d = squidData();
        HybridFitter.Result a = new HybridFitter().fit(d.select(List.of(0)), d.select(List.of(1)), options(12),
                Progress.NONE);
        HybridFitter.Result b = new HybridFitter().fit(d.select(List.of(0)), d.select(List.of(1)), options(12),
                Progress.NONE);
        double first = a.lossCurve().get(0)[1];
        double last = a.lossCurve().get(a.lossCurve().size() - 1)[1];
        assertTrue(last < 0.7 * first, "window loss should fall: " + first + " -> " + last);
        assertEquals(a.lossCurve().size(), b.lossCurve().size());
        for (int i = 0; i < a.lossCurve().size(); i++) {
            assertEquals(a.lossCurve().get(i)[1], b.lossCurve().get(i)[1], 1e-9, "step " + i);
        }
        assertArrayEquals(a.checkpoints().get(a.checkpoints().size() - 1).model().parameters(),
                b.checkpoints().get(b.checkpoints().size() - 1).model().parameters(), 1e-9);
    }

    @Test
    void cancellationStopsTraining() {
        CurrentClampData d = squidData();
        int[] calls = {0};
        Progress cancelSoon = new Progress() {
            @Override public void status(String message) { calls[0]++; }
            @Override public void fraction(double done) { }
            @Override public boolean isCancelled() { return calls[0] >= 2; }
        };
        assertThrows(CancelledException.class, () -> new HybridFitter().fit(d.select(List.of(0)),
                d.select(List.of(1)), options(50), cancelSoon));
    }

    @Test
    void unknownDeviceIsAClearError() {
        CurrentClampData d = squidData();
        Exception e = assertThrows(org.patchpinn.InvalidParameterException.class, () -> new HybridFitter().fit(
                d.select(List.of(0)), d.select(List.of(1)), options(1).toBuilder().device("tpu").build(), Progress.NONE));
        assertTrue(e.getMessage().contains("device"));
    }
    @Test
    void theCheckpointLogNamesSweepsByTheirRecordingIndexAndTheStartHasNoLossYet() {
        CurrentClampData d = squidData();
        FittedModel truth = new FittedModel(TestBases.HH_SQUID, TestBases.HH_SQUID.values(), List.of());
        // the second sweep as recording sweep 7: the log must say 7, as --sweeps and sweep_7.png do
        CurrentClampSweep second = d.sweep(1);
        CurrentClampData seven = new CurrentClampData("synthetic", DT,
                List.of(new CurrentClampSweep(7, second.vMv(), second.iPa(), DT)));
        HybridFitter.Checkpoint start = HybridFitter.evaluate(0, Double.NaN, truth, seven);
        String line = HybridFitter.describe(start);
        assertTrue(line.startsWith("step 0: before training,"), line);
        assertTrue(line.contains("| sweep 7: "), line);
        String later = HybridFitter.describe(HybridFitter.evaluate(25, 1.5, truth, seven));
        assertTrue(later.startsWith("step 25: loss 1.500 mV²,"), later);
    }
}
