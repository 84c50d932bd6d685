package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.sim.NoiseModel;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.sim.SyntheticRecording;

/**
 * The spikes' upstroke (steepest rise, median over the train) among the staged fit's statistics: what tells a model
 * with too much sodium conductance, whose spike count, peak and half-width can all match the cell's.
 */
class StepSummaryUpstrokeTest {
    private static final double DT = 0.05;

    /** A 1 s step from 100 ms: a spike every 50 ms, rising {@code riseMv} per sample up to +30 mV, then back. */
    private static double[] train(double riseMv) {
        double[] v = new double[(int) (1300 / DT)];
        Arrays.fill(v, -65);
        for (int i = (int) (100 / DT); i < (int) (1100 / DT); i++) {
            v[i] = -45;
        }
        int up = (int) Math.ceil(75 / riseMv);
        for (double t = 110; t < 1090; t += 50) {
            int i = (int) (t / DT);
            for (int k = 0; k < up; k++) {
                v[i + k] = Math.min(30, -45 + riseMv * (k + 1));
            }
            for (int k = 0; k < 40; k++) {
                v[i + up + k] = 30 - 75 * (k + 1) / 40.0;
            }
        }
        return v;
    }

    @Test
    void theUpstrokeIsTheSteepestRiseOfTheSpikes() {
        assertEquals(150, StepSummary.of(train(7.5), DT, 100, 1100).upstrokeVPerS(), 1e-9);
        assertEquals(300, StepSummary.of(train(15), DT, 100, 1100).upstrokeVPerS(), 1e-9);
        // a silent step has none
        double[] flat = new double[(int) (1300 / DT)];
        Arrays.fill(flat, -65);
        assertTrue(Double.isNaN(StepSummary.of(flat, DT, 100, 1100).upstrokeVPerS()));
    }

    /**
     * Session 38's synthetic cell P3 (gNa 8,400 nS, VT −57.8 mV) against the classic fit's answer before the
     * upstroke was scored (gNa 21,470, VT −54.9, the same spike count on every sweep): the upstroke tells them
     * apart by far more than its scale.
     */
    @Test
    void tooMuchSodiumShowsInTheUpstroke() {
        ModelSpec rsm = BuiltinModels.get("traub-rs-m");
        ModelSpec truth = rsm.withValue("Cm", 146).withValue("gNa", 8400).withValue("gK", 880).withValue("gL", 3.4)
                .withValue("EL", -67.5).withValue("VT", -57.8).withValue("gM", 11.8);
        ModelSpec answer = rsm.withValue("Cm", 148).withValue("gNa", 21470).withValue("gK", 963)
                .withValue("gL", 2.84).withValue("EL", -67.65).withValue("VT", -54.9).withValue("gM", 8.88)
                .withValue("gAHP", 0);
        double[] a = summary(truth);
        double[] b = summary(answer);
        assertEquals(a[0], b[0], 2, "the spike counts should match, as they did in the fit");
        double z = Math.log(b[1] / a[1]) / FeatureObjective.UPSTROKE_LOG;
        assertTrue(z > 1.5, "upstroke " + b[1] + " against " + a[1] + " V/s: z " + z);
    }

    /** Spike count and upstroke on a 600 ms step of 200 pA. */
    private static double[] summary(ModelSpec m) {
        double[] v = FitData.sweeps(SyntheticRecording.generate(m, m.values(), List.of(Stimuli.step(100, 600, 200)),
                800, DT, NoiseModel.white(0), 1), List.of(0)).get(0).vMv();
        StepSummary s = StepSummary.of(v, DT, 100, 700);
        return new double[] {s.spikes(), s.upstrokeVPerS()};
    }
}
