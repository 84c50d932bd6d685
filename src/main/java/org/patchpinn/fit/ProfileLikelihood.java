package org.patchpinn.fit;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.patchpinn.numeric.LeastSquares;
import org.patchpinn.report.Json;
import org.patchpinn.task.Progress;

/**
 * 95 % confidence intervals by profile likelihood (e.g. Raue et al. 2009, Bioinformatics 25:1923): with
 * Gaussian noise of standard deviation σ (estimated from the residuals), a parameter value belongs to the
 * interval while the best fit with that value fixed and every other free parameter re-optimised raises
 * RSS/σ² by at most χ²₁(0.95) = 3.841. The Gauss–Newton covariance σ²(JᵀJ)⁻¹ gives the first trial step
 * (two standard errors) and the first warm start of the other parameters. Intervals stop at the
 * parameter bounds.
 */
final class ProfileLikelihood {
    static final double CHI2_95 = 3.841458820694124;
    private static final int MAX_STEPS = 6;
    /**
     * A profile point this much (in χ²) below the optimum means the optimum was not one; smaller improvements
     * (a flat valley the optimiser stopped short in) only shift the interval ends by a fraction of their
     * width and are counted as Δ = 0.
     */
    private static final double BETTER = 1.0;

    /**
     * Thrown when profiling finds a better fit than the optimum it started from (a long flat valley can
     * stop a local method short); the caller refines from there and profiles again.
     */
    static final class BetterOptimum extends RuntimeException {
        final double[] u;

        BetterOptimum(double[] u) {
            super(null, null, false, false);
            this.u = u.clone();
        }
    }
    private static final int PROFILE_ITERATIONS = 6;

    private final ParameterSpace space;
    private final LeastSquares ls;
    private final LeastSquares.Solution best;
    private final double sigma2;
    private final Progress progress;
    private final double[][] cov;
    private double bestSeenRss = Double.POSITIVE_INFINITY;
    private double[] bestSeenU;

    ProfileLikelihood(ParameterSpace space, LeastSquares ls, LeastSquares.Solution best, double sigma,
                      Progress progress) {
        this.space = space;
        this.ls = ls;
        this.best = best;
        this.sigma2 = sigma * sigma;
        this.progress = progress;
        this.cov = covariance(best.jtj(), sigma2);
    }

    private static double[][] covariance(double[][] jtj, double sigma2) {
        int p = jtj.length;
        try {
            RealMatrix inv = new LUDecomposition(new Array2DRowRealMatrix(jtj)).getSolver().getInverse();
            double[][] c = inv.scalarMultiply(sigma2).getData();
            return c;
        } catch (RuntimeException e) {
            double[][] c = new double[p][p];
            for (int i = 0; i < p; i++) {
                c[i][i] = Double.POSITIVE_INFINITY;
            }
            return c;
        }
    }

    /**
     * [free parameter][low, high] in parameter units. The likelihood ratio is taken against the lowest RSS
     * met anywhere (the optimum, or a slightly better profile point: in a flat valley the local method
     * stops short by a fraction of a χ² unit), from the profile samples stored on the way.
     */
    double[][] intervals() {
        int p = space.dimension();
        double[][] out = new double[p][2];
        double[][][] samples = new double[p][2][];
        double[][] rooms = new double[p][2];
        for (int i = 0; i < p; i++) {
            progress.checkCancelled();
            progress.status("profile likelihood: " + space.name(i));
            progress.fraction(i / (double) p);
            double se = Math.sqrt(cov[i][i]);
            for (int side = 0; side < 2; side++) {
                int sign = side == 0 ? -1 : 1;
                rooms[i][side] = sign < 0 ? best.x()[i] : 1 - best.x()[i];
                samples[i][side] = trace(i, sign, se);
            }
        }
        double ref = Math.min(best.rss(), bestSeenRss);
        for (int i = 0; i < p; i++) {
            for (int side = 0; side < 2; side++) {
                int sign = side == 0 ? -1 : 1;
                double d = crossing(samples[i][side], ref, rooms[i][side]);
                out[i][side] = space.value(i, best.x()[i] + sign * d);
            }
            if (out[i][0] > out[i][1]) {
                double t = out[i][0];
                out[i][0] = out[i][1];
                out[i][1] = t;
            }
        }
        return out;
    }

    /** The lowest-RSS point met while profiling (the optimum itself when none was lower). */
    double[] bestSeen() {
        return bestSeenU == null ? best.x().clone() : bestSeenU.clone();
    }

    /**
     * Where Δ = (RSS − ref)/σ² reaches the threshold along stored samples {d0, rss0, d1, rss1, …} (d ascending,
     * the optimum at d = 0 first), interpolating in √Δ; beyond the last sample it extrapolates, up to room.
     */
    private double crossing(double[] s, double ref, double room) {
        int n = s.length / 2;
        if (n < 2) {
            return n == 1 ? s[0] : room;
        }
        double target = Math.sqrt(CHI2_95);
        double prevD = s[0];
        double prevQ = Math.sqrt(Math.max(0, (s[1] - ref) / sigma2));
        for (int k = 1; k < n; k++) {
            double d = s[2 * k];
            double q = Math.sqrt(Math.max(0, (s[2 * k + 1] - ref) / sigma2));
            if (q >= target) {
                return prevD + (d - prevD) * (target - prevQ) / Math.max(1e-12, q - prevQ);
            }
            if (k == n - 1) {
                if (d >= room) {
                    return room;
                }
                double slope = (q - prevQ) / Math.max(1e-12, d - prevD);
                return slope > 0 ? Math.min(room, d + (target - q) / slope) : room;
            }
            prevD = d;
            prevQ = q;
        }
        return room;
    }

    /**
     * Profile samples on one side: steps outwards (first two standard errors, then growing) re-optimising
     * the other parameters from the previous profile point — the valley of a spiking model is long and
     * curved, so the quadratic (Wald) guess alone is far off — until Δ passes the threshold or the bound.
     * Returns {0, rss at optimum, d1, rss1, …}.
     */
    private double[] trace(int i, int sign, double se) {
        double ui = best.x()[i];
        double room = sign < 0 ? ui : 1 - ui;
        List<Double> out = new ArrayList<>(List.of(0.0, best.rss()));
        if (!(se > 0) || !Double.isFinite(se) || room <= 0) {
            out.add(room);
            out.add(Double.POSITIVE_INFINITY);
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }
        double[] warm = best.x().clone();
        double d = Math.min(2 * se, room);
        for (int iter = 0; iter < MAX_STEPS; iter++) {
            double[] point = profilePoint(i, sign * d, warm, iter == 0);
            double rss = LeastSquares.sumOfSquares(lsResiduals(point));
            if (rss < best.rss() - BETTER * sigma2) {
                throw new BetterOptimum(point);
            }
            if (rss < bestSeenRss) {
                bestSeenRss = rss;
                bestSeenU = point.clone();
            }
            out.add(d);
            out.add(rss);
            double delta = Math.max(0, (rss - best.rss()) / sigma2);
            if (delta >= CHI2_95 || d >= room) {
                break;
            }
            warm = point;
            double grow = delta > 1e-9 ? Math.sqrt(CHI2_95 / delta) * 1.2 : 4;
            d = Math.min(room, d * Math.max(1.3, Math.min(4, grow)));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The profile point with free parameter i at its optimum + du, the others re-optimised from warm. */
    private double[] profilePoint(int i, double du, double[] warm, boolean linearStart) {
        int p = space.dimension();
        double[] u = warm.clone();
        u[i] = Math.max(0, Math.min(1, best.x()[i] + du));
        if (linearStart) {
            for (int j = 0; j < p; j++) {
                if (j != i && Double.isFinite(cov[i][i]) && cov[i][i] > 0) {
                    u[j] = Math.max(0, Math.min(1, best.x()[j] + cov[j][i] / cov[i][i] * du));
                }
            }
        }
        if (p == 1) {
            return u;
        }
        boolean[] active = new boolean[p];
        for (int j = 0; j < p; j++) {
            active[j] = j != i;
        }
        return ls.minimise(u, active, PROFILE_ITERATIONS, 1e-7).x();
    }

    private double[] lsResiduals(double[] u) {
        return ls.minimise(u, new boolean[u.length], 0, 0).residuals();
    }

    /** Wald intervals (±1.96 Gauss–Newton standard errors in the cube), the fallback when profiling fails. */
    double[][] waldIntervals() {
        int p = space.dimension();
        double[][] out = new double[p][2];
        for (int i = 0; i < p; i++) {
            double d = 1.959963984540054 * Math.sqrt(cov[i][i]);
            double ui = best.x()[i];
            out[i][0] = Double.isFinite(d) ? space.value(i, ui - d) : space.value(i, 0);
            out[i][1] = Double.isFinite(d) ? space.value(i, ui + d) : space.value(i, 1);
        }
        return out;
    }

    /** Gauss–Newton standard errors in parameter units, for the diagnostics. */
    JsonObject waldJson() {
        JsonObject o = new JsonObject();
        for (int i = 0; i < space.dimension(); i++) {
            double se = Math.sqrt(cov[i][i]) * space.derivative(i, best.x()[i]);
            o.add(space.name(i), Json.number(se));
        }
        return o;
    }
}
