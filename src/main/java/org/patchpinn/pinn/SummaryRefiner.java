package org.patchpinn.pinn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;
import org.patchpinn.task.CancelledException;
import org.patchpinn.task.Progress;

/**
 * The slow-current stage: spike times are not differentiable and a short window hardly feels a current
 * that acts over 100 ms, so the latent currents are refined by CMA-ES on summary statistics of free-running
 * simulations of the training sweeps (coincidence factor, spike count, the interspike-interval sequence
 * that carries adaptation, subthreshold voltage). The search space is low-dimensional: per latent current
 * log g, E, a voltage shift of z∞ and a log scale of τz; the shapes learned by the networks are kept.
 */
public final class SummaryRefiner {

    /** Result: the refined model, its training loss before and after, and evaluations used. */
    public record Result(FittedModel model, double lossBefore, double lossAfter, int evaluations,
                         double[] parameters) { }

    private static final int SUBSTEPS = 2;

    public Result refine(FittedModel start, CurrentClampData train, long seed, int maxEvaluations,
                         Progress progress) {
        int nl = start.latents().size();
        if (nl == 0) {
            double l = loss(start, train);
            return new Result(start, l, l, 1, new double[0]);
        }
        double[] x0 = new double[4 * nl];
        double[] lo = new double[4 * nl];
        double[] hi = new double[4 * nl];
        double[] sigma = new double[4 * nl];
        for (int j = 0; j < nl; j++) {
            FittedModel.Latent l = start.latents().get(j);
            x0[4 * j] = Math.log(Math.max(l.gNs(), 1e-3));
            x0[4 * j + 1] = Math.max(LatentCurrent.E_MIN + 1, Math.min(LatentCurrent.E_MAX - 1, l.eMv()));
            lo[4 * j] = x0[4 * j] - 3;
            hi[4 * j] = x0[4 * j] + 3;
            lo[4 * j + 1] = LatentCurrent.E_MIN;
            hi[4 * j + 1] = LatentCurrent.E_MAX;
            lo[4 * j + 2] = -30;
            hi[4 * j + 2] = 30;
            lo[4 * j + 3] = -2;
            hi[4 * j + 3] = 2;
            sigma[4 * j] = 0.3;
            sigma[4 * j + 1] = 5;
            sigma[4 * j + 2] = 5;
            sigma[4 * j + 3] = 0.3;
        }
        int[] count = {0};
        double before = loss(start, train);
        ObjectiveFunction f = new ObjectiveFunction(x -> {
            if (progress.isCancelled()) {
                throw new CancelledException();
            }
            count[0]++;
            double l = loss(apply(start, x), train);
            if (count[0] % 20 == 0) {
                progress.status(String.format("summary-statistic refinement: evaluation %d/%d, loss %.3f",
                        count[0], maxEvaluations, l));
                progress.fraction(Math.min(1, count[0] / (double) maxEvaluations));
            }
            return l;
        });
        int pop = 4 + (int) (3 * Math.log(x0.length));
        CMAESOptimizer cma = new CMAESOptimizer(maxEvaluations, 1e-4, true, 0, 0, new MersenneTwister(seed), false,
                null);
        PointValuePair best;
        try {
            best = cma.optimize(new MaxEval(maxEvaluations), f, GoalType.MINIMIZE, new InitialGuess(x0),
                    new SimpleBounds(lo, hi), new CMAESOptimizer.Sigma(sigma),
                    new CMAESOptimizer.PopulationSize(pop));
        } catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
            best = null;
        }
        double[] x = best == null ? x0 : best.getPoint();
        double after = best == null ? before : best.getValue();
        if (after > before) {
            return new Result(start, before, before, count[0], x0);
        }
        return new Result(apply(start, x), before, after, count[0], x);
    }

    /** The model with latent currents adjusted by x = (log g, E, z∞ shift, log τ scale) per latent. */
    static FittedModel apply(FittedModel m, double[] x) {
        List<FittedModel.Latent> ls = new ArrayList<>();
        for (int j = 0; j < m.latents().size(); j++) {
            FittedModel.Latent l = m.latents().get(j);
            double g = Math.exp(x[4 * j]);
            double e = x[4 * j + 1];
            double shift = x[4 * j + 2];
            double tauScale = Math.exp(x[4 * j + 3]);
            ls.add(FittedModel.Latent.of(g, e, v -> l.zInfAt(v - shift), v -> l.tauAt(v) * tauScale));
        }
        return new FittedModel(m.base(), m.parameters(), ls);
    }

    /** Summary-statistic discrepancy over the sweeps (0 = identical statistics). */
    static double loss(FittedModel m, CurrentClampData data) {
        double total = 0;
        for (CurrentClampData.SweepData sw : data.sweeps()) {
            FittedModel.Simulation sim = m.simulate(sw.iPa(), data.dtMs(), HybridFitter.restOf(sw.vMv(),
                    data.dtMs()), SUBSTEPS);
            total += discrepancy(sw.vMv(), sim.v(), data.dtMs());
        }
        return total / data.sweepCount();
    }

    static double discrepancy(double[] data, double[] model, double dt) {
        double[] td = SpikeStats.spikeTimes(data, dt);
        double[] tm = SpikeStats.spikeTimes(model, dt);
        double gamma = SpikeStats.coincidence(td, tm, SweepScore.WINDOW_MS, data.length * dt);
        double countErr = Math.min(1, Math.abs(td.length - tm.length) / (double) Math.max(1, td.length));
        double[] id = SpikeStats.isis(td);
        double[] im = SpikeStats.isis(tm);
        double isiErr = 0;
        if (id.length > 0) {
            for (int i = 0; i < id.length; i++) {
                isiErr += i < im.length ? Math.min(1, Math.abs(im[i] - id[i]) / id[i]) : 1;
            }
            isiErr /= id.length;
        }
        double sub = 0;
        int n = 0;
        for (int k = 0; k < data.length; k++) {
            if (data[k] < -50 && model[k] < -50) {
                double d = data[k] - model[k];
                sub += d * d;
                n++;
            }
        }
        double subRmse = n == 0 ? 10 : Math.sqrt(sub / n);
        return (1 - gamma) + countErr + 2 * isiErr + 0.05 * subRmse;
    }
}
