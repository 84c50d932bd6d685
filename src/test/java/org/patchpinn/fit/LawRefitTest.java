package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.pinn.FittedModel;
import org.patchpinn.pinn.KnownModel;
import org.patchpinn.sim.NoiseModel;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.sim.Stimulus;
import org.patchpinn.sim.SyntheticRecording;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * The law replaces the learned state only when the selection sweeps' two views allow it.
 */
class LawRefitTest {
    @Test
    void aLawThatLosesTheSpikeTimingIsNotAdoptedUnlessItsStatisticsAreClearlyBetter() {
        // statistics a little lower, timing far worse (the measured case: 1.82 vs 1.88, agreement 0.26 vs 0.97)
        assertFalse(LawRefit.adopts(1.82, 0.256, 1, 1.88, 0.973, 1, 0.17));
        // the same timing loss with statistics halved and lower by more than 1
        assertTrue(LawRefit.adopts(5.59, 0.331, 1, 26.5, 0.753, 1, 0.18));
        // timing within tolerance and statistics no worse
        assertTrue(LawRefit.adopts(1.51, 0.848, 1, 5.94, 0.845, 1, 0.12));
        assertTrue(LawRefit.adopts(5.0, 0.70, 1, 5.0, 0.80, 1, 0.12));
        // never at the cost of statistics or F–I agreement
        assertFalse(LawRefit.adopts(5.1, 0.99, 1, 5.0, 0.5, 1, 0.12));
        assertFalse(LawRefit.adopts(1.0, 0.99, 0, 26.5, 0.5, 1, 0.12));
    }

    @Test
    void theLawStageStartsFromTheBaseThatScoresLowerOnTheTrainingSweeps() {
        // a traub-rs cell on two steps; one "learned" base far off (gNa x3, VT +6 mV), the other the cell's own
        ModelSpec rs = BuiltinModels.get("traub-rs");
        List<Stimulus> steps = List.of(Stimuli.step(50, 300, 150), Stimuli.step(50, 300, 300));
        Recording cell = SyntheticRecording.generate(rs, rs.values(), steps, 400, 0.1, NoiseModel.white(0.3), 5);
        List<FitSweep> training = FitData.sweeps(cell, List.of(0, 1));
        FitProblem problem = new FitProblem(rs, training, List.of(), FitSettings.defaults());
        KnownModel base = NewStateFitMethod.baseOf(rs);
        double[] off = rs.withValue("gNa", 3 * rs.parameter("gNa").value())
                .withValue("VT", rs.parameter("VT").value() + 6).values();
        List<FittedModel.Latent> state = new ArrayList<>(List.of(FittedModel.Latent.of(0.5, -90,
                v -> 1 / (1 + Math.exp(-(v + 35) / 10)), v -> 100)));
        FittedModel farOff = new FittedModel(base, off, state);
        FittedModel cellsOwn = new FittedModel(base, rs.values(), List.of());
        FeatureObjective.Scored scored = LawRefit.scored(problem);
        JsonObject json = new JsonObject();
        ModelSpec start = LawRefit.start(problem, farOff, cellsOwn, scored, json, Progress.NONE);
        assertEquals("staged fit's base", json.get("law_start").getAsString(), json.toString());
        assertEquals(rs.parameter("gNa").value(), start.parameter("gNa").value(), 1e-9);
        assertEquals(0.5, start.parameter("gz1").value(), 1e-9, "the learned state goes with it");
        assertTrue(json.get("law_start_training_loss_staged_base").getAsDouble()
                < json.get("law_start_training_loss_learned_base").getAsDouble());
        // the other way round the learned base is kept, and without a staged base there is nothing to compare
        FittedModel learnedOwn = new FittedModel(base, rs.values(), state);
        FittedModel stagedOff = new FittedModel(base, off, List.of());
        JsonObject other = new JsonObject();
        LawRefit.start(problem, learnedOwn, stagedOff, scored, other, Progress.NONE);
        assertEquals("learned base", other.get("law_start").getAsString(), other.toString());
        JsonObject none = new JsonObject();
        assertEquals(rs.parameter("gNa").value(), LawRefit.start(problem, learnedOwn, null, scored, none, Progress.NONE)
                .parameter("gNa").value(), 1e-9);
        assertFalse(none.has("law_start_training_loss_staged_base"));
    }
}
