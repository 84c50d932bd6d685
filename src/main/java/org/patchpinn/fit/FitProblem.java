package org.patchpinn.fit;

import java.util.List;
import org.patchpinn.model.ModelSpec;

/**
 * What to fit: a model whose free parameters are marked ({@link ModelSpec#withFree}), the sweeps to fit
 * jointly, the sweeps held out for validation (may be empty), and the settings.
 */
public record FitProblem(ModelSpec model, List<FitSweep> fitSweeps, List<FitSweep> holdoutSweeps,
                         FitSettings settings) {
    public FitProblem {
        fitSweeps = List.copyOf(fitSweeps);
        holdoutSweeps = List.copyOf(holdoutSweeps);
        if (fitSweeps.isEmpty()) {
            throw new FitException("no sweeps to fit");
        }
    }
}
