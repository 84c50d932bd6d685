package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.sim.NoiseModel;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.sim.SyntheticRecording;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/** A small classic fit (two parameters, short sweeps) that must find the truth and bracket it. */
class ClassicFitTest {

    @Test
    void recoversTwoParametersOfTheSquidAxonWithIntervals() {
        ModelSpec hh = BuiltinModels.get("hh-squid");
        ModelSpec truth = hh.withValue("gK", 3200).withValue("EL", -56);
        Recording r = SyntheticRecording.generate(truth, truth.values(), List.of(Stimuli.step(20, 100, 400),
                Stimuli.step(20, 100, 900), Stimuli.step(20, 100, 700)), 150, 0.1, NoiseModel.white(0.3), 7);
        ModelSpec start = hh.withFree(List.of("gK", "EL"));
        FitProblem problem = new FitProblem(start, FitData.sweeps(r, List.of(0, 1)), FitData.sweeps(r, List.of(2)),
                FitSettings.defaults().withMaxEvaluations(400));
        long t0 = System.nanoTime();
        FitOutcome out = new ClassicFit().fit(problem, Progress.NONE);
        double s = (System.nanoTime() - t0) / 1e9;
        ParameterEstimate gK = out.estimate("gK");
        ParameterEstimate el = out.estimate("EL");
        System.out.printf("small fit: gK %.2f [%.2f, %.2f], EL %.3f [%.3f, %.3f] in %.1f s%n", gK.value(),
                gK.ci95Low(), gK.ci95High(), el.value(), el.ci95Low(), el.ci95High(), s);
        assertEquals(3200, gK.value(), 32);
        assertEquals(-56, el.value(), 0.3);
        assertTrue(gK.contains(3200), "gK interval");
        assertTrue(el.contains(-56), "EL interval");
        assertTrue(out.estimate("gNa").fixed());
        assertEquals(12000, out.estimate("gNa").value());

        List<SweepValidation> v = Validation.evaluate(out.fitted(), problem.fitSweeps(), problem.holdoutSweeps(),
                Progress.NONE);
        assertEquals(3, v.size());
        assertTrue(v.get(2).heldOut());
        double gamma = Validation.spikingGamma(v, SweepRoles.TEST);
        assertTrue(gamma > 0.9, "held-out gamma " + gamma);
        assertEquals(0.3, Validation.rmse(v, SweepRoles.TEST), 0.1);
        assertTrue(v.get(2).model().gates().containsKey("m"));
    }

    @Test
    void parameterSpaceMapsBoundsToTheUnitCube() {
        ModelSpec hh = BuiltinModels.get("hh-squid").withFree(List.of("gNa", "ENa"));
        ParameterSpace space = new ParameterSpace(hh);
        double[] u = space.toUnit(hh.values());
        assertEquals(Math.log(12000 / 1000.0) / Math.log(100), u[0], 1e-12);
        assertEquals(0.5, u[1], 1e-12);
        assertEquals(12000, space.toFull(u)[hh.indexOf("gNa")], 1e-6);
        assertEquals(100000, space.toFull(new double[] {2, 0.5})[hh.indexOf("gNa")], 1e-6);
        assertThrows(FitException.class, () -> new ParameterSpace(hh.withFree(List.of())));
    }

    @Test
    void spikeTimesAreInterpolatedCrossings() {
        double[] v = {-70, -70, -10, 30, -10, -25, -45, 0, -70};
        double[] t = SpikeTimes.detect(v, 0.1);
        assertEquals(2, t.length);
        assertEquals(0.1 + 50.0 / 60 * 0.1, t[0], 1e-12);
    }
}
