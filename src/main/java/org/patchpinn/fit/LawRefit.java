package org.patchpinn.fit;

import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patchpinn.features.PassiveSteps;
import org.patchpinn.model.ModelFileWriter;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.pinn.CurrentClampData;
import org.patchpinn.pinn.FittedModel;
import org.patchpinn.pinn.HybridFitter;
import org.patchpinn.pinn.NewStateFit;
import org.patchpinn.pinn.SweepScore;
import org.patchpinn.report.Json;
import org.patchpinn.task.Progress;

/**
 * The final form of every candidate that learned new states, made before the number of states is chosen: every
 * learned state in closed form ({@link LearnedStateLaw}) and the whole staged classic fit ({@link StagedFit#withStates}:
 * passive, active, slow with the states, the trace when spike trains agree) of base and states together on the
 * training sweeps, at the fit's own budget per stage. The result replaces
 * the learned model only when the selection sweeps score it at least as well ({@link #adopts}); the test sweeps are
 * not read.
 */
final class LawRefit {
    /**
     * @param model   the adopted model as a {@link FittedModel} (closed forms tabulated) or the learned one
     * @param spec    the adopted model as handed back: the closed-form spec, or the learned one's tables
     * @param staged  the staged fit's outcome (null when it failed)
     */
    record Result(boolean adopted, FittedModel model, ModelSpec spec, FitOutcome staged, JsonObject json) { }

    private LawRefit() {
    }

    /**
     * Whether the law model replaces the learned one, judged on the selection sweeps with the two views that choose
     * the number of states ({@link NewStateFit#choose}): its statistics loss no higher and spike counts within
     * tolerance on as many sweeps, and its spike timing (agreement) within {@code tolerance} of the learned model's
     * unless its statistics are {@link NewStateFit#clearlyBetter}. With the statistics alone, a law 0.06 lower
     * on them replaced a learned state whose selection agreement was 0.97 by one of 0.26; over four synthetic adapting
     * cells (held out until then, so no longer) the state as learned scored the better test Γ on two (0.35 vs −0.01,
     * 0.69 vs 0.05), and this rule keeps it on exactly those two and on a third (0.02 vs −0.10).
     */
    static boolean adopts(double lawStatistics, double lawAgreement, int lawCounts, double learnedStatistics,
                          double learnedAgreement, int learnedCounts, double tolerance) {
        return lawCounts >= learnedCounts && lawStatistics <= learnedStatistics
                && (lawAgreement >= learnedAgreement - tolerance
                || NewStateFit.clearlyBetter(lawStatistics, learnedStatistics));
    }

    /**
     * What the staged fit scores on a problem's sweeps: the recovery after the step, and the charging before spikes
     * where the training sweeps do not measure the membrane ({@link FeatureObjective.Scored#of}).
     */
    static FeatureObjective.Scored scored(FitProblem problem) {
        return FeatureObjective.Scored.of(true, problem.fitSweeps().stream()
                .map(s -> PassiveSteps.of(s.vMv(), s.iPa(), s.dtMs())).toList());
    }

    /** The staged fit's statistics loss on {@code steps} (selection or training), scored as {@link #scored} says. */
    static double statistics(ModelSpec model, List<StepSweep> steps, FeatureObjective.Scored scored) {
        if (steps.isEmpty()) {
            return Double.NaN;
        }
        return new FeatureObjective(model, steps, StagedFit.SEARCH_STEP_MS, scored, Progress.NONE)
                .loss(model.values());
    }

    /** The step sweeps choices are scored on: the selection sweeps, else the training sweeps. */
    static List<StepSweep> selectionSteps(FitProblem problem) {
        return StepSweep.of(problem.selectionSweeps().isEmpty() ? problem.fitSweeps() : problem.selectionSweeps());
    }

    /**
     * The law stage's start: the learned states in closed form on the learned base, or on the staged fit's base
     * ({@code zero}, "no new state") where that scores lower on the training sweeps' statistics. Why: the learned
     * base was fitted on the response onsets and moved by the window fit, and the refit's budget and bands are
     * small; on 171116sh_0018 its law stage ended at training loss 37.9 where the staged fit alone had 25.3, a model
     * with one state more doing worse than one without. Only the training sweeps are read.
     */
    static ModelSpec start(FitProblem problem, FittedModel learned, FittedModel zero, FeatureObjective.Scored scored,
                           JsonObject json, Progress progress) {
        ModelSpec learnedBase = learned.baseSpec();
        ModelSpec onLearned = LearnedStateLaw.spec(learnedBase, learned);
        ModelSpec stagedBase = zero == null ? null : zero.baseSpec();
        if (stagedBase == null || !stagedBase.parameterNames().equals(learnedBase.parameterNames())) {
            json.addProperty("law_start", "learned base");
            return onLearned;
        }
        // the staged fit's values under the learned base's free list, with the same closed-form states
        FittedModel onZeroBase = new FittedModel(learned.base(), stagedBase.values(), learned.latents());
        ModelSpec onZero = LearnedStateLaw.spec(onZeroBase.baseSpec(), onZeroBase);
        List<StepSweep> training = StepSweep.of(problem.fitSweeps());
        double lossLearned = statistics(onLearned, training, scored);
        double lossZero = statistics(onZero, training, scored);
        boolean zeroBase = lossZero < lossLearned;
        json.addProperty("law_start", zeroBase ? "staged fit's base" : "learned base");
        json.add("law_start_training_loss_learned_base", Json.number(lossLearned));
        json.add("law_start_training_loss_staged_base", Json.number(lossZero));
        progress.log(String.format(Locale.ROOT, "law stage: starts from the %s (training statistics loss %.3g on the "
                + "learned base, %.3g on the staged fit's)", zeroBase ? "staged fit's base" : "learned base",
                lossLearned, lossZero));
        return zeroBase ? onZero : onLearned;
    }

    static Result run(FitProblem problem, FittedModel learned, FittedModel zero, CurrentClampData selection,
                      Progress progress) {
        long t0 = System.nanoTime();
        JsonObject json = new JsonObject();
        FeatureObjective.Scored scored = scored(problem);
        ModelSpec law = start(problem, learned, zero, scored, json, progress);
        json.addProperty("start_model", law.isWritable() ? ModelFileWriter.write(law) : "");
        FitSettings fs = problem.settings();
        FitSettings classic = new FitSettings(fs.seed(), 1, fs.maxEvaluations(), false, fs.device(), Map.of());
        List<SweepScore> before = HybridFitter.scoreAll(learned, selection);
        double a0 = NewStateFit.agreement(before);
        int f0 = NewStateFit.fiWithin(before);
        List<StepSweep> selectionSteps = selectionSteps(problem);
        double s0 = statistics(learned.spec(), selectionSteps, scored);
        json.add("learned_selection_agreement", Json.number(a0));
        json.addProperty("learned_selection_counts_within_tolerance", f0);
        json.add("learned_selection_statistics_loss", Json.number(s0));
        FitOutcome staged;
        try {
            StagedFit refit = StagedFit.withStates(LearnedStateLaw.parameters(learned.latents().size()));
            staged = refit.fit(new FitProblem(law, problem.fitSweeps(), problem.holdoutSweeps(), classic), progress);
        } catch (FitException e) {
            json.addProperty("adopted", false);
            json.addProperty("reason", "the staged fit failed: " + e.getMessage());
            progress.log("law stage: " + e.getMessage() + "; kept the learned model");
            return new Result(false, learned, learned.spec(), null, json);
        }
        ModelSpec fitted = staged.fitted();
        int n = learned.base().parameterCount();
        FittedModel tables = new FittedModel(learned.base(), Arrays.copyOf(fitted.values(), n),
                LearnedStateLaw.latents(fitted, learned.latents().size()));
        List<SweepScore> after = HybridFitter.scoreAll(tables, selection);
        double a1 = NewStateFit.agreement(after);
        int f1 = NewStateFit.fiWithin(after);
        double s1 = statistics(fitted, selectionSteps, scored);
        boolean adopted = adopts(s1, a1, f1, s0, a0, f0, NewStateFit.tolerance(after));
        json.add("law_selection_agreement", Json.number(a1));
        json.addProperty("law_selection_counts_within_tolerance", f1);
        json.add("law_selection_statistics_loss", Json.number(s1));
        json.addProperty("adoption_rule", "selection statistics loss (staged fit, recovery included) at most the "
                + "learned model's, spike counts within max(2, 20 %) on as many selection sweeps, and selection "
                + "agreement within its tolerance of the learned model's unless the statistics loss is at most half "
                + "of it and lower by 1 (as the number of states is chosen)");
        json.addProperty("adopted", adopted);
        json.addProperty("fitted_model", fitted.isWritable() ? ModelFileWriter.write(fitted) : "");
        json.add("staged_fit", staged.diagnostics());
        json.add("wall_s", Json.number((System.nanoTime() - t0) / 1e9));
        progress.log(String.format(Locale.ROOT, "law stage (closed-form states, staged fit with the base): selection "
                + "statistics loss %.3g vs learned %.3g, counts within tolerance %d vs %d (agreement %.3f vs %.3f): %s",
                s1, s0, f1, f0, a1, a0, adopted ? "adopted" : "kept the learned model"));
        return adopted ? new Result(true, tables, fitted, staged, json)
                : new Result(false, learned, learned.spec(), staged, json);
    }
}
