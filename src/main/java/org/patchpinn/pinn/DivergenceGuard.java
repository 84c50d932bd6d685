package org.patchpinn.pinn;

import java.util.Map;

/**
 * Rolls a training back when its loss jumps: keeps the parameters of the lowest loss seen and, when a step's
 * loss exceeds {@link #JUMP} times that, restores them, forgets Adam's moments and halves the rates from then
 * on. Without it a window fit whose loss jumped never came back: the new state settled into a fast, leak-like
 * current with the wrong reversal potential (see HybridStagesBenchmark).
 */
final class DivergenceGuard {
    static final double JUMP = 2.0;
    private final TrainableSet set;
    private Map<String, double[]> best;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private double rateFactor = 1;

    DivergenceGuard(TrainableSet set) {
        this.set = set;
    }

    /**
     * Records the loss of the set's current parameters (call it before the update that loss leads to):
     * saves them when the loss is the best so far; returns true when it jumped and the set was rolled back
     * to the best parameters.
     */
    boolean diverged(double loss) {
        if (Double.isFinite(loss) && loss < bestLoss) {
            bestLoss = loss;
            best = set.snapshot();
            return false;
        }
        if (best != null && !(loss <= JUMP * bestLoss)) {
            set.restore(best);
            set.resetMoments();
            rateFactor *= 0.5;
            return true;
        }
        return false;
    }

    double rateFactor() {
        return rateFactor;
    }

    double bestLoss() {
        return bestLoss;
    }
}
