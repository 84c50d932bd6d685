package org.patchpinn.fit;

import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * CMA-ES (Hansen; Commons Math) in the unit cube. A run that stalls (the best loss no longer improves) is restarted
 * from the best point with a fresh step size and seed while budget remains — real cells' feature losses are
 * rugged (a spike more or less is a step), and one run tends to settle after a few hundred evaluations. The best
 * point seen is the answer (not the distribution's mean, which may never have been evaluated).
 */
final class CmaesSearch {
    /** The best point and its loss after a search, how many runs it took, and the loss of its start point. */
    record Result(double[] u, double loss, int evaluations, int runs, double startLoss) { }

    /** Ends a run that no longer improves. */
    private static final class Stalled extends RuntimeException {
        Stalled() {
            super(null, null, false, false);
        }
    }

    private CmaesSearch() {
    }

    /**
     * @param stallEvaluations stop when the best loss has not improved by 1e-4 (relative) within this many
     *                         evaluations
     * @param onEvaluation     called after every evaluation with (evaluations so far, best loss)
     */
    static Result minimise(ToDoubleFunction<double[]> loss, double[] u0, double sigma, int population, int budget,
                           int stallEvaluations, long seed, BiConsumer<Integer, Double> onEvaluation) {
        return search(loss, u0, sigma, population, budget, stallEvaluations, seed, true, onEvaluation);
    }

    /**
     * One run, no restart: the start point is evaluated, then CMA-ES runs until it converges, stalls or has spent
     * {@code maxEvaluations} of its own (the classic fit's multi-start search, where each start is one run).
     *
     * @param seed the run's random seed
     */
    static Result minimiseOnce(ToDoubleFunction<double[]> loss, double[] u0, double sigma, int population,
                               int maxEvaluations, int stallEvaluations, long seed,
                               BiConsumer<Integer, Double> onEvaluation) {
        return search(loss, u0, sigma, population, maxEvaluations + 1, stallEvaluations, seed, false, onEvaluation);
    }

    private static Result search(ToDoubleFunction<double[]> loss, double[] u0, double sigma, int population,
                                 int budget, int stallEvaluations, long seed, boolean restart,
                                 BiConsumer<Integer, Double> onEvaluation) {
        int dim = u0.length;
        double[] bestU = u0.clone();
        double[] best = {Double.POSITIVE_INFINITY};
        int[] evals = {0};
        int[] lastImprovement = {0};
        ObjectiveFunction f = new ObjectiveFunction(u -> {
            double l = loss.applyAsDouble(u);
            evals[0]++;
            if (l < best[0]) {
                if (l < best[0] * (1 - 1e-4)) {
                    lastImprovement[0] = evals[0];
                }
                best[0] = l;
                System.arraycopy(u, 0, bestU, 0, dim);
            }
            onEvaluation.accept(evals[0], best[0]);
            if (evals[0] - lastImprovement[0] > stallEvaluations) {
                throw new Stalled();
            }
            return l;
        });
        double startLoss = f.getObjectiveFunction().value(u0.clone());
        double[] lower = new double[dim];
        double[] upper = new double[dim];
        double[] sig = new double[dim];
        Arrays.fill(upper, 1);
        Arrays.fill(sig, sigma);
        int runs = 0;
        // a restart needs room for a few generations to be worth its set-up
        while (restart ? budget - evals[0] >= 5 * population : runs == 0) {
            runs++;
            lastImprovement[0] = evals[0];
            CMAESOptimizer cma = new CMAESOptimizer(100000, 0, true, 0, 0,
                    new MersenneTwister(restart ? seed + 31L * runs : seed), false, null);
            try {
                cma.optimize(new MaxEval(budget - evals[0]), f, GoalType.MINIMIZE, new InitialGuess(bestU.clone()),
                        new SimpleBounds(lower, upper), new CMAESOptimizer.Sigma(sig),
                        new CMAESOptimizer.PopulationSize(population));
            } catch (TooManyEvaluationsException | Stalled e) {
                // budget spent or no progress: the best point seen is kept, and the next run starts there
            }
        }
        return new Result(bestU, best[0], evals[0], runs, startLoss);
    }
}
