package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.sim.NoiseModel;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.sim.Stimulus;
import org.patchpinn.sim.SyntheticRecording;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * The staged fit's loss broken down by sweep and term (result.json's {@code loss_terms}): the parts add up to the
 * loss the search minimised, each sweep keeps its recording index, and a model's defect shows in the term it belongs
 * to.
 */
class FeatureObjectiveTermsTest {
    private static final ModelSpec RSM = BuiltinModels.get("traub-rs-m");

    private static FeatureObjective objective() {
        List<Stimulus> steps = new ArrayList<>();
        for (double a : new double[] {-100, 150, 350}) {
            steps.add(Stimuli.step(50, 300, a));
        }
        Recording r = SyntheticRecording.generate(RSM, RSM.values(), steps, 500, 0.05, NoiseModel.white(0.3), 4);
        // sweeps 2 and 0 in that order: the breakdown names the recording's sweeps, not positions in the list
        List<FitSweep> sweeps = FitData.sweeps(r, List.of(2, 0));
        return new FeatureObjective(RSM, StepSweep.of(sweeps), StagedFit.SEARCH_STEP_MS,
                new FeatureObjective.Scored(true, false), Progress.NONE);
    }

    private static double sum(List<FeatureObjective.SweepTerms> terms) {
        double total = 0;
        for (FeatureObjective.SweepTerms s : terms) {
            double sweep = s.terms().values().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(sweep, s.loss(), 1e-12 * Math.max(1, sweep), "sweep " + s.sweep() + ": " + s.terms());
            total += sweep;
        }
        return total;
    }

    @Test
    void theTermsAddUpToTheLossUnderTheRecordingsSweepNumbers() {
        FeatureObjective o = objective();
        double[] off = RSM.withValue("VT", -52).withValue("gM", 25).values();
        List<FeatureObjective.SweepTerms> terms = o.terms(off);
        assertEquals(List.of(2, 0), terms.stream().map(FeatureObjective.SweepTerms::sweep).toList());
        double loss = o.loss(off);
        assertTrue(loss > 1, "a model 4 mV off in VT with 2.5x the M-current should miss: " + loss);
        assertEquals(loss, sum(terms), 1e-9 * loss);
        // a curve's samples share one name: the recovery is scored (a slow current), as one term per sweep
        assertTrue(terms.get(0).terms().containsKey(FeatureObjective.RECOVERY), terms.get(0).terms().toString());
    }

    @Test
    void aSilentModelsLossSitsInTheSpikingSweepsCount() {
        FeatureObjective o = objective();
        double[] silent = RSM.withValue("gNa", 50).values();
        FeatureObjective.SweepTerms spiking = o.terms(silent).get(0);
        Map<String, Double> t = spiking.terms();
        String largest = t.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertEquals("spike count", largest, t.toString());
        // the silent model matches the hyperpolarising sweep's spike count (none): nothing there
        assertEquals(0, o.terms(silent).get(1).terms().get("spike count"), 0);
    }
}
