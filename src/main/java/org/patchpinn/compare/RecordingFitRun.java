package org.patchpinn.compare;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.patchpinn.fit.FitData;
import org.patchpinn.fit.FitMethods;
import org.patchpinn.fit.FitOutcome;
import org.patchpinn.fit.FitProblem;
import org.patchpinn.fit.FitSettings;
import org.patchpinn.fit.FitSweep;
import org.patchpinn.fit.ParameterEstimate;
import org.patchpinn.fit.SweepValidation;
import org.patchpinn.fit.Validation;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * What the {@code fit} verb runs on one recording, minus writing files: the fit verb's sweep roles (the last
 * sweep held out when there are 3 or more, the others fitted), the named fit method, then the validation of
 * the fitted model on every sweep. Compare's adapter until the core's fit runner takes its place.
 */
final class RecordingFitRun {
    /** The fitted model, its estimates, per-sweep validation and the method's diagnostics. */
    record Result(ModelSpec fitted, List<ParameterEstimate> estimates, List<SweepValidation> validation,
                  JsonObject diagnostics, List<Integer> fitSweeps, List<Integer> heldOut) { }

    private RecordingFitRun() {
    }

    /** The fit verb's rule ({@code holdout=auto}): the last sweep is held out when there are 3 or more. */
    static List<Integer> heldOut(int sweepCount) {
        return sweepCount >= 3 ? List.of(sweepCount - 1) : List.of();
    }

    static Result run(Recording r, ModelSpec model, String method, FitSettings settings, Progress progress) {
        List<Integer> held = heldOut(r.sweepCount());
        List<Integer> train = new ArrayList<>();
        for (int k = 0; k < r.sweepCount(); k++) {
            if (!held.contains(k)) {
                train.add(k);
            }
        }
        List<FitSweep> fit = FitData.sweeps(r, train);
        List<FitSweep> hold = FitData.sweeps(r, held);
        FitOutcome o = FitMethods.get(method).fit(new FitProblem(model, fit, hold, settings), progress.range(0, 0.9));
        List<SweepValidation> v = Validation.evaluate(o.fitted(), fit, hold, progress.range(0.9, 1));
        return new Result(o.fitted(), o.estimates(), v, o.diagnostics() == null ? new JsonObject() : o.diagnostics(),
                train, held);
    }
}
