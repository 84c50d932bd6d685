package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
 * Rate factors are read from the kinetics (not from names) and started where the spike width says: a cell whose
 * Na and K kinetics run at 0.35 of Traub–Miles' (room temperature) must get a start near 0.35, one at 1 near 1.
 */
class RateFactorsTest {
    private static List<String> factors(ModelSpec spec) {
        return RateFactors.of(spec, FitStage.of(spec));
    }

    @Test
    void readsTheRateFactorsFromTheKinetics() {
        assertEquals(List.of("qNa", "qK"), factors(BuiltinModels.get("traub-rs-m")));
        assertEquals(List.of(), factors(BuiltinModels.get("traub-rs")));
        assertEquals(List.of(), factors(BuiltinModels.get("hh-squid")));
        ModelSpec rsa = BuiltinModels.get("traub-rs-a");
        assertEquals(List.of("qNa", "qK"), factors(rsa));
        // fixed: not searched, so not started either
        assertEquals(List.of(), factors(rsa.withFree(List.of("gNa", "VT"))));
        // a voltage shift is not a rate factor, nor is a slow current's (the A-current inactivates slowly at rest)
        assertEquals(List.of("qNa"), factors(rsa.withFree(List.of("qNa", "shiftNa", "qA", "VT"))));
    }

    private static double measuredStart(double q) {
        ModelSpec rsm = BuiltinModels.get("traub-rs-m");
        ModelSpec truth = rsm.withValue("qNa", q).withValue("qK", q);
        List<Stimulus> steps = new ArrayList<>();
        for (double a : new double[] {150, 250, 350}) {
            steps.add(Stimuli.step(50, 300, a));
        }
        Recording r = SyntheticRecording.generate(truth, truth.values(), steps, 400, 0.05, NoiseModel.white(0.3), 5);
        List<FitSweep> sweeps = FitData.sweeps(r, List.of(0, 1, 2));
        FeatureObjective training = new FeatureObjective(rsm, StepSweep.of(sweeps), StagedFit.SEARCH_STEP_MS,
                new FeatureObjective.Scored(false, false), Progress.NONE);
        RateFactors.Start s = RateFactors.measure(rsm, List.of("qNa", "qK"), rsm.values(), x -> x, training);
        assertNotNull(s, "no start measured");
        System.out.printf("rate factor %.2f: measured start %.2f (half-width %.2f ms, data %.2f ms)%n", q,
                s.factor(), s.modelHalfWidthMs(), s.dataHalfWidthMs());
        return s.factor();
    }

    /**
     * A room-temperature cell (kinetics at 0.35 of Traub–Miles', other values off the template) fitted with
     * traub-rs-m as declared (factors 1): the second active stage must find the factors and be chosen, and the
     * model's spikes must be as broad as the cell's on the sweeps no choice saw. With the factors kept at 1 the
     * half-width comes out about 0.7 ms against the cell's 1.8.
     */
    @Test
    void aRoomTemperatureCellIsFittedWithItsOwnSpikeWidth() {
        ModelSpec rsm = BuiltinModels.get("traub-rs-m");
        ModelSpec truth = rsm.withValue("qNa", 0.35).withValue("qK", 0.35).withValue("Cm", 150)
                .withValue("gNa", 8000).withValue("gK", 900).withValue("gL", 3).withValue("EL", -68)
                .withValue("VT", -55).withValue("gM", 10);
        List<Stimulus> steps = new ArrayList<>();
        for (double a : new double[] {-100, 50, 100, 150, 200, 250, 300}) {
            steps.add(Stimuli.step(50, 400, a));
        }
        Recording r = SyntheticRecording.generate(truth, truth.values(), steps, 550, 0.05, NoiseModel.white(0.3), 7);
        List<FitSweep> all = FitData.sweeps(r, List.of(0, 1, 2, 3, 4, 5, 6));
        SweepRoles roles = SweepRoles.forSteps(StepSweep.of(all), all.size());
        FitProblem problem = new FitProblem(rsm, roles.training().stream().map(all::get).toList(),
                roles.selection().stream().map(all::get).toList(),
                FitSettings.defaults().withMaxEvaluations(400).withConfidenceIntervals(false));
        FitOutcome out = new StagedFit().fit(problem, Progress.NONE);
        List<FitSweep> test = roles.test().stream().map(all::get).toList();
        FeatureObjective data = new FeatureObjective(rsm, StepSweep.of(test), StagedFit.SEARCH_STEP_MS,
                new FeatureObjective.Scored(false, false), Progress.NONE);
        double model = RateFactors.medianHalfWidthMs(data.summaries(out.fitted().values()));
        System.out.printf("room-temperature cell: qNa %.2f, qK %.2f (truth 0.35), test half-width %.2f ms vs data "
                        + "%.2f ms, rate stage chosen %s%n", out.estimate("qNa").value(), out.estimate("qK").value(),
                model, data.dataHalfWidthMs(), out.diagnostics().get("rate_factor_stage_chosen"));
        assertTrue(out.diagnostics().get("rate_factor_stage_chosen").getAsBoolean());
        assertEquals(0, Math.log(model / data.dataHalfWidthMs()), Math.log(1.3));
        assertEquals(Math.log(0.35), Math.log(out.estimate("qNa").value()), Math.log(1.5));
    }

    /**
     * A cell at the template's own kinetics: its measured factor (1) agrees with the model's, so the factors stay
     * as declared, unless the user names them to fit ({@code --fit ...,qNa,qK}): then the second active stage runs.
     */
    @Test
    void factorsNamedToFitAreSearchedWhereTheMeasurementWouldKeepThem() {
        ModelSpec rsm = BuiltinModels.get("traub-rs-m");
        List<Stimulus> steps = new ArrayList<>();
        for (double a : new double[] {-80, 150, 250}) {
            steps.add(Stimuli.step(50, 250, a));
        }
        Recording r = SyntheticRecording.generate(rsm, rsm.values(), steps, 350, 0.05, NoiseModel.white(0.3), 3);
        List<FitSweep> all = FitData.sweeps(r, List.of(0, 1, 2));
        FitSettings settings = FitSettings.defaults().withMaxEvaluations(40).withConfidenceIntervals(false);
        for (boolean named : new boolean[] {false, true}) {
            FitSettings s = named ? settings.withNamed(List.of("gNa", "gK", "VT", "qNa", "qK")) : settings;
            FitOutcome out = new StagedFit().fit(new FitProblem(rsm, all, List.of(), s), Progress.NONE);
            boolean rateStage = out.diagnostics().getAsJsonArray("stages").asList().stream()
                    .anyMatch(e -> StagedFit.RATES.equals(e.getAsJsonObject().get("stage").getAsString()));
            assertEquals(named, rateStage, named ? "named factors not searched" : "factors searched unasked");
            assertEquals(named, out.diagnostics().get("rate_factors_named").getAsBoolean());
        }
    }

    @Test
    void startsTheFactorsWhereTheSpikeWidthMatches() {
        // the grid's step is x1.31: the start must be the grid value next to the truth
        assertEquals(Math.log(0.35), Math.log(measuredStart(0.35)), Math.log(1.31) / 2 + 1e-9);
        assertEquals(0, Math.log(measuredStart(1)), Math.log(1.31) / 2 + 1e-9);
    }
}
