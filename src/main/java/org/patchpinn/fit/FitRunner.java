package org.patchpinn.fit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.features.ArtefactDetector;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.pinn.NewStateFit;
import org.patchpinn.report.Json;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * What the {@code fit} verb runs, without writing files: a model fitted by a method on the training sweeps
 * (choices on the selection sweeps; hybrid and pinn on top of a staged fit of the base model), then simulated on
 * every sweep and compared with the data ({@link Validation}, {@link CellComparison}). compare and batch runs
 * call this, so every verb fits a recording the same way.
 */
public final class FitRunner {
    private FitRunner() {
    }

    /**
     * The default sweep roles of a recording's sweeps ({@link SweepRoles#forSteps} with 3 or more step sweeps),
     * the sweeps in depolarisation block or without a response to their step ({@code blocked}, from
     * {@code features.ArtefactDetector}) excluded.
     */
    public static SweepRoles defaultRoles(List<FitSweep> all, Collection<Integer> blocked) {
        List<StepSweep> steps = StepSweep.of(all);
        // a sweep without a step (e.g. a 0 pA sweep) does not stop the protocol rule: it is tested
        return steps.size() >= 3 ? SweepRoles.forSteps(steps, all.size(), blocked) : SweepRoles.simple(all.size());
    }

    /**
     * The sweeps of a current-clamp recording in depolarisation block or without a response to their step; none
     * when they cannot be measured.
     */
    public static List<Integer> excludedSweeps(Recording r) {
        try {
            return ArtefactDetector.analyse(r).excludedSweeps();
        } catch (RuntimeException e) {
            // no command or no step: the artefact analysis does not apply, and nothing is excluded
            return List.of();
        }
    }

    /** Option of hybrid and pinn: where the base model's values come from (staged, model). */
    public static final String BASE_OPTION = "base";
    /**
     * Option of hybrid and pinn: which base parameters the new-state training may still move ({@code active}: all
     * but the passive ones, the default on the staged base; {@code none}: only the new states are learned). On
     * {@code base=model} the model's own free list is the default, and the option applies when given.
     */
    public static final String BASE_FREE_OPTION = "base_free";

    /**
     * One model's fit and its validation on every sweep.
     *
     * @param selectionScore mean over the selection sweeps (training when none) of (spike count within max(2,
     *                       20 %) ? 1 : 0) + Γ: how several models or runs are compared without the test sweeps
     */
    public record Run(ModelSpec model, FitOutcome outcome, List<SweepValidation> validation, CellComparison cell,
                      double selectionScore) { }

    /**
     * Fits {@code model} by {@code method} on the training sweeps of {@code all} (choices on the selection
     * sweeps) and validates it on every sweep. Errors name the recording.
     */
    public static Run run(String recording, ModelSpec model, FitMethod method, FitSettings settings,
                          List<FitSweep> all, SweepRoles roles, Progress progress) {
        // the fit searches on a grid of at most 20 kHz; validation below reads every sample
        List<FitSweep> fitSweeps = roles.training().stream().map(all::get).map(WorkingGrid::of).toList();
        List<FitSweep> selectSweeps = roles.selection().stream().map(all::get).map(WorkingGrid::of).toList();
        progress.status("fit (" + method.name() + ", " + model.name() + "): " + recording + ", training sweeps "
                + roles.training() + ", selection " + roles.selection() + ", test " + roles.test());
        FitOutcome outcome;
        try {
            FitOutcome base = null;
            if (method instanceof NewStateFitMethod nsm && stagedBase(settings, fitSweeps)) {
                // "no new state" is the staged classic fit as it is; new states are learned on a base fitted in
                // stages on the response onsets only, so the base does not already mimic what they must explain
                progress.status("fit (" + method.name() + "): the base model by the staged fit");
                FitProblem baseProblem = new FitProblem(model, fitSweeps, selectSweeps,
                        settings.withConfidenceIntervals(false));
                boolean learns = NewStateFit.Settings.latentCounts(
                        settings.options().getOrDefault(NewStateFitMethod.LATENT, "auto")).stream().anyMatch(k -> k > 0);
                base = new StagedFit().fit(baseProblem, progress.range(0, learns ? 0.15 : 0.3));
                FitOutcome learnFrom = base;
                if (learns) {
                    progress.status("fit (" + method.name() + "): the fast base on the response onsets");
                    learnFrom = StagedFit.onsetOnly().fit(baseProblem, progress.range(0.15, 0.3));
                    base.diagnostics().add("onset_base", learnFrom.diagnostics());
                    method = nsm.withZeroState(base.fitted());
                }
                model = withBaseFreedom(learnFrom.fitted(), settings.options().getOrDefault(BASE_FREE_OPTION,
                        "active"));
            } else if (method instanceof NewStateFitMethod && settings.options().containsKey(BASE_FREE_OPTION)) {
                // base=model (or no step to stage on): the model as declared, unless base_free says otherwise
                model = withBaseFreedom(model, settings.options().get(BASE_FREE_OPTION));
            }
            FitProblem problem = new FitProblem(model, fitSweeps, selectSweeps, withoutBaseOption(settings));
            outcome = method.fit(problem, progress.range(base == null ? 0 : 0.3, 0.9));
            if (base != null) {
                outcome.diagnostics().add("base_fit", base.diagnostics());
                // the staged base's own free list: it keeps rate factors as declared unless the spikes depart
                outcome = fittedByTheBase(outcome, base.fitted().freeParameters());
            }
        } catch (FitException e) {
            throw new FitException(recording + ": " + e.getMessage(), e);
        }
        progress.status("validating the fitted model on every sweep");
        List<SweepValidation> validation = Validation.evaluate(outcome.fitted(), all, roles, progress.range(0.9, 1));
        CellComparison cell = CellComparison.of(validation);
        if (!outcome.alternatives().isEmpty() && !roles.test().isEmpty()) {
            outcome.diagnostics().add("test_evidence", testEvidence(outcome, all, roles, progress));
        }
        String choiceRole = roles.selection().isEmpty() ? SweepRoles.TRAINING : SweepRoles.SELECTION;
        double gamma = Validation.meanGamma(validation, choiceRole);
        int n = cell.count(choiceRole);
        double score = (n == 0 ? 0 : cell.withinTolerance(choiceRole) / (double) n)
                + (Double.isNaN(gamma) ? 0 : gamma);
        return new Run(model, outcome, validation, cell, score);
    }

    /**
     * Every model the method considered (e.g. 0, 1, 2 new states), on the test sweeps: spike counts within
     * max(2, 20 %) and mean Γ. Reported after the choice, which the selection sweeps made; so a user sees whether
     * the test sweeps agree with it.
     */
    private static JsonArray testEvidence(FitOutcome outcome, List<FitSweep> all, SweepRoles roles,
                                          Progress progress) {
        List<FitSweep> test = roles.test().stream().map(all::get).toList();
        JsonArray out = new JsonArray();
        for (Map.Entry<String, ModelSpec> e : outcome.alternatives().entrySet()) {
            List<SweepValidation> v = Validation.evaluate(e.getValue(), List.of(), test, progress);
            // the F–I rows of the report (spikes in each step window), so the counts agree with fi_curve.csv
            CellComparison c = CellComparison.of(v);
            JsonObject o = new JsonObject();
            o.addProperty("model", e.getKey());
            o.addProperty("chosen", e.getValue() == outcome.fitted());
            o.addProperty("test_step_sweeps", c.count(SweepRoles.TEST));
            o.addProperty("test_spike_counts_within_tolerance", c.withinTolerance(SweepRoles.TEST));
            o.add("test_gamma", Json.number(Validation.spikingGamma(v, SweepRoles.TEST)));
            out.add(o);
        }
        return out;
    }

    /** Hybrid and pinn start from the staged fit unless told {@code base=model} (the model's values as given). */
    private static boolean stagedBase(FitSettings settings, List<FitSweep> training) {
        String b = settings.options().getOrDefault(BASE_OPTION, "staged");
        if (!b.equals("staged") && !b.equals("model")) {
            throw new InvalidParameterException("options", "base=" + b + ": expected base=staged (fit the base "
                    + "model in stages first) or base=model (start from the model's values)");
        }
        String free = settings.options().getOrDefault(BASE_FREE_OPTION, "active");
        if (!free.equals("active") && !free.equals("none")) {
            throw new InvalidParameterException("options", "base_free=" + free + ": expected base_free=active (the "
                    + "new-state training also moves the base's non-passive parameters) or base_free=none");
        }
        return b.equals("staged") && !StepSweep.of(training).isEmpty();
    }

    /** The base the new states are learned on, with the base parameters {@code base_free} leaves free. */
    private static ModelSpec withBaseFreedom(ModelSpec base, String baseFree) {
        return "none".equals(baseFree) ? base.withFree(List.of()) : withPassiveFixed(base);
    }

    /**
     * The staged base with its passive parameters (capacitance, leak) fixed: they were solved from the cell's
     * measured rest, input resistance and time constant, and trace-based training would otherwise trade the
     * membrane for the new state (the capacitance grows until the cell stops spiking; no benchmark reproduces it).
     * base=model leaves every parameter as the model declares it.
     */
    static ModelSpec withPassiveFixed(ModelSpec fitted) {
        Map<String, FitStage> stages = FitStage.of(fitted);
        return fitted.withFree(fitted.freeParameters().stream().filter(n -> stages.get(n) != FitStage.PASSIVE)
                .toList());
    }

    /** Parameters the staged base fitted and the new-state method then held are reported as fitted, not fixed. */
    private static FitOutcome fittedByTheBase(FitOutcome o, List<String> baseFree) {
        List<ParameterEstimate> e = o.estimates().stream().map(p -> p.fixed() && baseFree.contains(p.name())
                ? new ParameterEstimate(p.name(), p.unit(), p.value(), Double.NaN, Double.NaN, false) : p).toList();
        return o.withEstimates(e);
    }

    private static FitSettings withoutBaseOption(FitSettings s) {
        if (!s.options().containsKey(BASE_OPTION) && !s.options().containsKey(BASE_FREE_OPTION)) {
            return s;
        }
        Map<String, String> o = new LinkedHashMap<>(s.options());
        o.remove(BASE_OPTION);
        o.remove(BASE_FREE_OPTION);
        return new FitSettings(s.seed(), s.starts(), s.maxEvaluations(), s.confidenceIntervals(), s.device(), o,
                s.named());
    }

}
