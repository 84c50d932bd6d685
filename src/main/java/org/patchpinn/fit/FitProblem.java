package org.patchpinn.fit;

import java.util.List;
import org.patchpinn.model.ModelSpec;

/**
 * What to fit: a model whose free parameters are marked ({@link ModelSpec#withFree}), the training sweeps to
 * fit jointly, the selection sweeps on which a method may score its choices (checkpoints, stages, number of new
 * states; may be empty), and the settings. The test sweeps are never part of a problem: no choice touches them
 * ({@link SweepRoles}).
 *
 * @param holdoutSweeps the selection sweeps (named for the held-out role they had before sweep roles had three)
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

    /** The sweeps a method may score its choices on (never the test sweeps). */
    public List<FitSweep> selectionSweeps() {
        return holdoutSweeps;
    }
}
