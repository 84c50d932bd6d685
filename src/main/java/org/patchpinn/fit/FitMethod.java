package org.patchpinn.fit;

import org.patchpinn.task.Progress;

/**
 * A way to fit a model to recorded sweeps, selected by {@link #name()} in the Fit Model command
 * ({@code method=classic}). Register a new one with one line in {@link FitMethods}. Validation on held-out
 * sweeps, result.json, states.csv and plots are produced for every method from the {@link FitOutcome}.
 */
public interface FitMethod {
    /** Key used in the method option, e.g. "classic", "pinn", "hybrid". */
    String name();

    FitOutcome fit(FitProblem problem, Progress progress);
}
