package org.patchpinn.compare;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.stream.IntStream;
import org.patchpinn.fit.FitData;
import org.patchpinn.fit.FitMethods;
import org.patchpinn.fit.FitOutcome;
import org.patchpinn.fit.FitProblem;
import org.patchpinn.fit.FitSettings;
import org.patchpinn.fit.FitSweep;
import org.patchpinn.fit.ParameterEstimate;
import org.patchpinn.fit.StepSweep;
import org.patchpinn.fit.SweepRoles;
import org.patchpinn.fit.SweepValidation;
import org.patchpinn.fit.Validation;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * What the {@code fit} verb runs on one recording with its default sweep roles, minus writing files: the
 * core's {@link SweepRoles} rule (training, selection, test), the named fit method on the training sweeps
 * with choices scored on the selection sweeps, then the validation of the fitted model on every sweep.
 * Compare's adapter until the core's fit runner takes its place.
 */
final class RecordingFitRun {
    /** The fitted model, its estimates, per-sweep validation, the method's diagnostics and the roles used. */
    record Result(ModelSpec fitted, List<ParameterEstimate> estimates, List<SweepValidation> validation,
                  JsonObject diagnostics, SweepRoles roles) { }

    private RecordingFitRun() {
    }

    /** The fit verb's default roles: the step-protocol rule, or the simple rule for other sweeps. */
    static SweepRoles roles(List<FitSweep> all) {
        List<StepSweep> steps = StepSweep.of(all);
        return steps.size() == all.size() ? SweepRoles.forSteps(steps, all.size()) : SweepRoles.simple(all.size());
    }

    static Result run(Recording r, ModelSpec model, String method, FitSettings settings, Progress progress) {
        List<FitSweep> all = FitData.sweeps(r, IntStream.range(0, r.sweepCount()).boxed().toList());
        SweepRoles roles = roles(all);
        List<FitSweep> train = roles.training().stream().map(all::get).toList();
        List<FitSweep> select = roles.selection().stream().map(all::get).toList();
        FitOutcome o = FitMethods.get(method).fit(new FitProblem(model, train, select, settings),
                progress.range(0, 0.9));
        List<SweepValidation> v = Validation.evaluate(o.fitted(), all, roles, progress.range(0.9, 1));
        return new Result(o.fitted(), o.estimates(), v, o.diagnostics() == null ? new JsonObject() : o.diagnostics(),
                roles);
    }
}
