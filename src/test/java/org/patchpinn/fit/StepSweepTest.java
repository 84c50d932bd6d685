package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.patchpinn.features.StimulusWindows;
import org.patchpinn.io.Recordings;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.CurrentClampSweep;

/**
 * A step is a flat stretch away from holding; a ramp (17o05027_ic_ramp: 0 → 10 pA over its 1 s sweep) or a sine is
 * not, and the staged fit refuses a recording of them with the reason instead of fitting their mean as a step.
 */
class StepSweepTest {
    private static final double DT = 0.05;
    private static final int N = 20_000;

    private static FitSweep sweep(IntToDoubleFunction command) {
        double[] i = new double[N];
        for (int k = 0; k < N; k++) {
            i[k] = command.applyAsDouble(k);
        }
        return new FitSweep(new CurrentClampSweep(0, new double[N], i, DT), Stimuli.sampled(i, DT, "test"));
    }

    private static boolean inStep(int k) {
        return k >= 2000 && k < 12_000;
    }

    @Test
    void aFlatStepIsOneEvenWithItsPrepulseAndSampledNoise() {
        Random noise = new Random(1);
        // −100 pA prepulse running into a +50 pA step, 0.1 pA command noise (a sampled, not an ideal, command)
        StepSweep s = StepSweep.of(sweep(k -> (k >= 1000 && k < 2000 ? -100 : inStep(k) ? 50 : 0)
                + (k < 200 ? 0 : 0.1 * noise.nextGaussian())));
        assertNotNull(s);
        assertEquals(50, s.amplitudePa(), 0.5);
        assertEquals(100, s.window().startMs(), 1);
        assertEquals(600, s.window().endMs(), 1);
    }

    @Test
    void aRampOrASineIsNoStep() {
        assertNull(StepSweep.of(sweep(k -> 10.0 * k / N)));
        assertNull(StepSweep.of(sweep(k -> inStep(k) ? 20 + 30.0 * (k - 2000) / 10_000 : 0)));
        assertNull(StepSweep.of(sweep(k -> 40 * Math.sin(2 * Math.PI * k * DT / 250))));
    }

    @Test
    void theStagedFitRefusesRampsWithTheReason() {
        List<FitSweep> ramps = List.of(sweep(k -> 10.0 * k / N), sweep(k -> 20.0 * k / N));
        FitProblem p = new FitProblem(BuiltinModels.get("traub-rs-m"), ramps, List.of(),
                FitSettings.defaults().withMaxEvaluations(50));
        FitException e = assertThrows(FitException.class, () -> new StagedFit().fit(p, Progress.NONE));
        assertTrue(e.getMessage().contains("ramp"), e.getMessage());
        assertTrue(e.getMessage().contains("'trace'"), e.getMessage());
        // nor do ramps make a step protocol's roles
        assertEquals(List.of(0, 1), FitRunner.defaultRoles(ramps, List.of()).training());
    }

    /**
     * A ramp protocol's 0 pA sweep is no "0 pA step": with its ramp's stretch as the protocol's window it was, and
     * 17o05027_ic_ramp.abf (sweep 0 at 0 pA, sweep 1 a 0 → 10 pA ramp) was fitted as a cell firing at 0 pA.
     */
    @Test
    void aRampProtocolHasNoStepWindowAndItsZeroSweepIsNoStep() throws Exception {
        List<FitSweep> all = FitData.all(Recordings.open(SharedData.path("data/abf/17o05027_ic_ramp.abf")), 0, 0);
        assertNull(all.get(0).protocolWindow());
        assertEquals(List.of(), StepSweep.of(all));
        // the same 0 pA sweep beside a step is a 0 pA step
        double[] zero = new double[N];
        double[] step = sweep(k -> inStep(k) ? 50 : 0).iPa();
        double[] ramp = sweep(k -> inStep(k) ? 20 + 30.0 * (k - 2000) / 10_000 : 0).iPa();
        assertNull(StimulusWindows.stepWindow(List.of(zero, ramp), DT));
        assertNotNull(StimulusWindows.stepWindow(List.of(zero, step), DT));
        FitSweep zeroStep = new FitSweep(new CurrentClampSweep(0, new double[N], zero, DT),
                Stimuli.sampled(zero, DT, "test"), StimulusWindows.stepWindow(List.of(zero, step), DT));
        assertEquals(0, StepSweep.of(zeroStep).amplitudePa());
    }
}
