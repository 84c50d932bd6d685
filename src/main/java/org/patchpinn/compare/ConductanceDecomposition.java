package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.patchpinn.numeric.LeastSquares;
import org.patchpinn.numeric.Quantile;

/**
 * Splits each recording's total linear conductance into the cell's own leak and an extra conductance that
 * depends on the condition. Within one recording the two are confounded (only g_lin and E_lin are seen);
 * across a cell's conditions they are not: g_lin(G) = gL + gX(G) and g_lin·E_lin = gL·EL + gX(G)·EX with
 * gL, EL shared by the cell's recordings and EX by all. That still leaves one direction free (any gL'
 * with gL'(EL'−EX) = gL(EL−EX) fits equally), which the assumption that the extra conductance vanishes at
 * one end of the condition axis removes: gX(G) = gmax/(1+(G/K)^h), fitted jointly with every cell's leak
 * by weighted least squares. Intervals come from a parametric bootstrap of the measured (g_lin, E_lin).
 */
public final class ConductanceDecomposition {
    /** Errors below these are not believed: the linear membrane is a model, and E_lin is very precise. */
    static final double SE_G_FLOOR = 0.1;
    static final double SE_E_FLOOR = 0.25;
    /** The first start of a free EX: midway in the physiological range, no assumed reversal such as EK. */
    static final double MID_RANGE_EX_START_MV = -50;
    /** Where the data-driven EX start may lie (mV): the range of --ex_mv; a slope outside it is noise. */
    static final double EX_START_MIN_MV = -150;
    static final double EX_START_MAX_MV = 50;
    /** A later EX start replaces the first one's fit only when it lowers the cost by more than this fraction. */
    static final double CLEARLY_LOWER = 1e-6;
    /** Levenberg–Marquardt limits: iterations, and the relative decrease of the cost below which it stops. */
    private static final int MAX_ITERATIONS = 2000;
    private static final double TOLERANCE = 1e-10;

    /** One recording's linear membrane. */
    public record Observation(String recording, String cell, double condition, double gNs, double eMv,
                              double seG, double seE) { }

    /** A cell's own leak. */
    public record CellLeak(String cell, Estimate gL, Estimate eL) { }

    /**
     * Held-out check for one cell: the law and EX fitted without it, then only its leak (gL, EL) fitted with
     * the law fixed; errors of the predicted g_lin, E_lin and of the law against the cell's own gX.
     */
    public record HeldOut(String cell, double rmseGNs, double rmseEMv, double maxGxErrorNs, double gLNs,
                          double eLMv, double exMv, HillLaw law) {
        public boolean ok() {
            return Double.isFinite(rmseGNs);
        }
    }

    /**
     * Whether the data identify EX and the cells' leaks. Where the condition changes nothing (a control) the
     * split is a gauge choice: any leak/EX pair that reproduces g_lin, E_lin fits, and the fit returns
     * values such as EL −5,160 mV. Those are reported as not identified, with the reason, not as estimates.
     */
    public record Identification(boolean identified, String reason) {
        static final Identification YES = new Identification(true, "");
    }

    /**
     * The fitted split. {@code ex}, {@code cells} and the law's constants are the fit's values whether or not
     * they are identified (the condition model and the held-out check run on them); reports print them only
     * when {@link #identified()}.
     */
    public record Result(Estimate ex, HillLaw law, Estimate gmax, Estimate k, Estimate h, List<CellLeak> cells,
                         List<Estimate> gx, double lawR2, List<HeldOut> heldOut, double[][] lawBand,
                         Map<Double, Estimate> perLevel, String gauge, Identification identification) {
        public boolean identified() {
            return identification.identified();
        }

        /** The estimate when the decomposition is identified, else a NaN value of the same unit. */
        public Estimate reported(Estimate e) {
            return identified() ? e : Estimate.of(Double.NaN, e.unit());
        }
    }

    /** Where a reversal potential can plausibly lie (mV); EX or a leak reversal outside it is not identified. */
    public static final double REVERSAL_MIN_MV = -120;
    public static final double REVERSAL_MAX_MV = 80;
    /** Singular values of the weighted Jacobian below this fraction of the largest count as rank deficiency. */
    static final double RANK_TOLERANCE = 1e-9;

    private final List<Observation> obs;
    private final List<String> cells;
    private final int[] cellOf;

    /** A known reversal of the extra conductance (mV), or NaN to fit it. */
    private final double fixedEx;

    private ConductanceDecomposition(List<Observation> obs, double fixedEx) {
        this.fixedEx = fixedEx;
        this.obs = List.copyOf(obs);
        this.cells = obs.stream().map(Observation::cell).distinct().toList();
        this.cellOf = obs.stream().mapToInt(o -> cells.indexOf(o.cell())).toArray();
    }

    /** Why the data cannot be decomposed, or "" when they can. */
    public static String whyNot(List<Observation> obs) {
        long levels = obs.stream().mapToDouble(Observation::condition).distinct().count();
        if (levels < 3) {
            return "needs at least 3 condition levels, got " + levels;
        }
        Map<String, Long> perCell = new LinkedHashMap<>();
        obs.forEach(o -> perCell.merge(o.cell(), 1L, Long::sum));
        if (perCell.values().stream().noneMatch(n -> n >= 2)) {
            return "needs a cell recorded at two or more conditions (the leak is told apart within a cell)";
        }
        return "";
    }

    public static Result fit(List<Observation> obs, int bootstrap, long seed) {
        return fit(obs, Double.NaN, bootstrap, seed);
    }

    /**
     * @param fixedEx the extra conductance's reversal when it is known (e.g. EK from the solutions), NaN to
     *                fit it; fixing it removes the main trade-off left in the leak / extra split
     */
    public static Result fit(List<Observation> obs, double fixedEx, int bootstrap, long seed) {
        String why = whyNot(obs);
        if (!why.isEmpty()) {
            throw new IllegalArgumentException(why);
        }
        ConductanceDecomposition d = new ConductanceDecomposition(obs, fixedEx);
        double[] best = d.fitBest(d.measuredG(), d.measuredE(), null);
        HillLaw law = d.law(best);
        List<double[]> boots = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int b = 0; b < bootstrap; b++) {
            double[] g = d.measuredG();
            double[] e = d.measuredE();
            for (int i = 0; i < g.length; i++) {
                g[i] += d.seG(i) * rnd.nextGaussian();
                e[i] += d.seE(i) * rnd.nextGaussian();
            }
            try {
                double[] p = d.fitBest(g, e, best);
                boots.add(d.derived(p, g, e));
            } catch (RuntimeException ignored) {
                // a failed resample widens nothing; the interval uses the ones that converged
            }
        }
        double[] point = d.derived(best, d.measuredG(), d.measuredE());
        int nc = d.cells.size();
        int no = obs.size();
        // derived layout: EX, gmax, K, h, (gL, EL) per cell, gX per observation
        Estimate ex = d.est(point, boots, 0, "mV");
        List<CellLeak> leaks = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            leaks.add(new CellLeak(d.cells.get(c), d.est(point, boots, 4 + 2 * c, "nS"),
                    d.est(point, boots, 5 + 2 * c, "mV")));
        }
        List<Estimate> gx = new ArrayList<>();
        for (int i = 0; i < no; i++) {
            gx.add(d.est(point, boots, 4 + 2 * nc + i, "nS"));
        }
        double[] gxv = gx.stream().mapToDouble(Estimate::value).toArray();
        double[] fitted = obs.stream().mapToDouble(o -> law.value(o.condition())).toArray();
        return new Result(ex, law, d.est(point, boots, 1, "nS"), d.est(point, boots, 2, "condition unit"),
                d.est(point, boots, 3, ""), leaks, gx, r2(gxv, fitted), d.heldOut(best),
                d.band(boots), d.perLevel(point, boots), "extra conductance → 0 at one end of the condition axis (Hill law)",
                d.identify(best, ex, leaks));
    }

    /**
     * The reasons the fit does not identify EX and the leaks, if any: a rank-deficient Jacobian (parameters
     * that trade off exactly), a change of the extra conductance over the condition range that the measurement
     * errors do not distinguish from zero (delta method on the fit's covariance), or a reversal (EX, its 95 %
     * interval, a cell's EL) outside −120…+80 mV, or a leak that is not positive.
     */
    private Identification identify(double[] best, Estimate ex, List<CellLeak> leaks) {
        List<String> why = new ArrayList<>();
        double[][] j = jacobian(best);
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(j, false));
        double[] sv = svd.getSingularValues();
        double ratio = sv[sv.length - 1] / sv[0];
        if (!(ratio > RANK_TOLERANCE)) {
            why.add(String.format(Locale.ROOT, "the fit's Jacobian is rank-deficient (smallest/largest "
                    + "singular value %.2g): leak and extra conductance trade off", ratio));
        } else {
            double lo = obs.stream().mapToDouble(Observation::condition).min().orElse(0);
            double hi = obs.stream().mapToDouble(Observation::condition).max().orElse(0);
            double delta = law(best).value(hi) - law(best).value(lo);
            double[] grad = new double[best.length];
            for (int k = 1; k <= 3; k++) {
                double step = 1e-6 * Math.max(1, Math.abs(best[k]));
                double[] q = best.clone();
                q[k] += step;
                grad[k] = (law(q).value(hi) - law(q).value(lo) - delta) / step;
            }
            // covariance V·S⁻²·Vᵀ, scaled up when the residuals exceed the stated errors
            int dof = Math.max(1, j.length - best.length);
            double scale = Math.max(1, cost(best, measuredG(), measuredE()) / dof);
            double[][] v = svd.getV().getData();
            double var = 0;
            for (int m = 0; m < sv.length; m++) {
                double proj = 0;
                for (int k = 0; k < grad.length; k++) {
                    proj += v[k][m] * grad[k];
                }
                var += proj * proj / (sv[m] * sv[m]);
            }
            double sd = Math.sqrt(var * scale);
            if (!(Math.abs(delta) > 1.96 * sd)) {
                why.add(String.format(Locale.ROOT, "the extra conductance's change over the condition "
                        + "range (%.3g ± %.2g nS) is not significant", delta, sd));
            }
        }
        if (Double.isNaN(fixedEx)) {
            if (!plausible(ex.value())) {
                why.add(String.format(Locale.ROOT, "EX %.1f mV is outside %.0f…%+.0f mV", ex.value(),
                        REVERSAL_MIN_MV, REVERSAL_MAX_MV));
            } else if (Double.isFinite(ex.ciLow()) && !(plausible(ex.ciLow()) && plausible(ex.ciHigh()))) {
                why.add(String.format(Locale.ROOT, "EX's 95 %% interval [%.1f, %.1f] mV reaches outside "
                        + "%.0f…%+.0f mV", ex.ciLow(), ex.ciHigh(), REVERSAL_MIN_MV, REVERSAL_MAX_MV));
            }
        }
        for (CellLeak l : leaks) {
            if (!plausible(l.eL().value()) || !(l.gL().value() > 0)) {
                why.add(String.format(Locale.ROOT, "cell %s's leak (gL %.3g nS, EL %.1f mV) is implausible",
                        l.cell(), l.gL().value(), l.eL().value()));
            }
        }
        return why.isEmpty() ? Identification.YES : new Identification(false, String.join("; ", why));
    }

    private static boolean plausible(double reversalMv) {
        return reversalMv >= REVERSAL_MIN_MV && reversalMv <= REVERSAL_MAX_MV;
    }

    /** Forward-difference Jacobian of the weighted residuals at p (the fixed-EX prior row included). */
    private double[][] jacobian(double[] p) {
        double[] g = measuredG();
        double[] e = measuredE();
        double[] r0 = residuals(p, g, e);
        double[][] j = new double[r0.length][p.length];
        for (int k = 0; k < p.length; k++) {
            double step = 1e-6 * Math.max(1, Math.abs(p[k]));
            double[] q = p.clone();
            q[k] += step;
            double[] r = residuals(q, g, e);
            for (int i = 0; i < r0.length; i++) {
                j[i][k] = (r[i] - r0[i]) / step;
            }
        }
        return j;
    }

    /**
     * Mean extra conductance of the recordings at each condition level, with the bootstrap interval of that
     * mean: the measurement uncertainty, which a between-recording interval from two recordings cannot show.
     */
    private Map<Double, Estimate> perLevel(double[] point, List<double[]> boots) {
        int off = 4 + 2 * cells.size();
        Map<Double, Estimate> out = new TreeMap<>();
        for (double level : obs.stream().mapToDouble(Observation::condition).distinct().sorted().toArray()) {
            int[] idx = IntStream.range(0, obs.size())
                    .filter(i -> obs.get(i).condition() == level).toArray();
            double[] pt = {Arrays.stream(idx).mapToDouble(i -> point[off + i]).average().orElse(Double.NaN)};
            List<double[]> bm = boots.stream().map(b -> new double[] {Arrays.stream(idx)
                    .mapToDouble(i -> b[off + i]).average().orElse(Double.NaN)}).toList();
            out.put(level, est(pt, bm, 0, "nS"));
        }
        return out;
    }

    /** 2.5 / 97.5 % of the law over the observed condition range, 50 points, from the bootstrap. */
    private double[][] band(List<double[]> boots) {
        double lo = obs.stream().mapToDouble(Observation::condition).min().orElse(0);
        double hi = obs.stream().mapToDouble(Observation::condition).max().orElse(1);
        double[][] out = new double[50][3];
        for (int j = 0; j < 50; j++) {
            double x = lo + (hi - lo) * j / 49.0;
            double[] v = boots.stream().mapToDouble(b -> new HillLaw(b[1], b[2], b[3]).value(x)).sorted().toArray();
            out[j][0] = x;
            out[j][1] = v.length == 0 ? Double.NaN : Quantile.ofSorted(v, 0.025);
            out[j][2] = v.length == 0 ? Double.NaN : Quantile.ofSorted(v, 0.975);
        }
        return out;
    }

    private Estimate est(double[] point, List<double[]> boots, int k, String unit) {
        double[] v = boots.stream().mapToDouble(b -> b[k]).filter(Double::isFinite).sorted().toArray();
        if (v.length < 10) {
            return Estimate.of(point[k], unit);
        }
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
        return new Estimate(point[k], sd, Quantile.ofSorted(v, 0.025), Quantile.ofSorted(v, 0.975), unit);
    }

    private double[] measuredG() {
        return obs.stream().mapToDouble(Observation::gNs).toArray();
    }

    private double[] measuredE() {
        return obs.stream().mapToDouble(Observation::eMv).toArray();
    }

    private double seG(int i) {
        double s = obs.get(i).seG();
        return Double.isFinite(s) ? Math.max(SE_G_FLOOR, s) : SE_G_FLOOR;
    }

    private double seE(int i) {
        double s = obs.get(i).seE();
        return Double.isFinite(s) ? Math.max(SE_E_FLOOR, s) : SE_E_FLOOR;
    }

    /** Parameter vector: EX, ln gmax, ln K, h, then gL, EL per cell. */
    private HillLaw law(double[] p) {
        return new HillLaw(Math.exp(p[1]), Math.exp(p[2]), p[3]);
    }

    private double[] derived(double[] p, double[] g, double[] e) {
        int nc = cells.size();
        double[] out = new double[4 + 2 * nc + obs.size()];
        out[0] = p[0];
        out[1] = Math.exp(p[1]);
        out[2] = Math.exp(p[2]);
        out[3] = p[3];
        System.arraycopy(p, 4, out, 4, 2 * nc);
        for (int i = 0; i < obs.size(); i++) {
            int c = cellOf[i];
            out[4 + 2 * nc + i] = extraConductance(p[4 + 2 * c], p[5 + 2 * c], p[0], g[i], e[i], seG(i), seE(i));
        }
        return out;
    }

    /**
     * One recording's extra conductance given its cell's leak and EX: the x that best explains both its
     * g_lin (= gL + x) and its E_lin (= (gL·EL + x·EX)/(gL + x)), weighted by their errors.
     */
    static double extraConductance(double gL, double eL, double ex, double g, double e, double sg, double se) {
        BrentOptimizer brent = new BrentOptimizer(1e-10, 1e-12);
        double lo = -0.95 * Math.max(gL, 1e-6);
        double hi = 3 * Math.max(g, gL) + 10;
        return brent.optimize(new MaxEval(500), GoalType.MINIMIZE, new SearchInterval(lo, hi),
                new UnivariateObjectiveFunction(x -> {
                    double gt = gL + x;
                    double et = (gL * eL + x * ex) / gt;
                    return sq((gt - g) / sg) + sq((et - e) / se);
                })).getPoint();
    }

    private static double sq(double x) {
        return x * x;
    }

    /**
     * Best of several starts of a Levenberg–Marquardt fit (the Hill exponent makes the problem non-convex): for each
     * start of EX ({@link #exStarts}) several Hill shapes. A later EX start's best replaces the earlier ones' only
     * when its cost is clearly lower: where the fit is degenerate (equal costs along a valley, e.g. 3 levels) the
     * choice stays with the first start, reproducibly.
     */
    private double[] fitBest(double[] g, double[] e, double[] warm) {
        List<List<double[]>> groups = new ArrayList<>();
        if (warm != null) {
            groups.add(List.of(warm.clone()));
        } else {
            double[] conds = obs.stream().mapToDouble(Observation::condition).filter(c -> c > 0).sorted().toArray();
            double kMid = conds.length == 0 ? 1 : conds[conds.length / 2];
            for (double ex0 : exStarts(g, e)) {
                List<double[]> starts = new ArrayList<>();
                for (double h0 : new double[] {1, 2, 4, -1, -2}) {
                    for (double k0 : new double[] {kMid, kMid / 3}) {
                        starts.add(start(g, e, h0, k0, ex0));
                    }
                }
                groups.add(starts);
            }
        }
        double bestCost = Double.POSITIVE_INFINITY;
        double[] best = null;
        for (List<double[]> starts : groups) {
            double groupCost = Double.POSITIVE_INFINITY;
            double[] groupBest = null;
            for (double[] s : starts) {
                try {
                    double[] p = optimise(s, g, e);
                    double c = cost(p, g, e);
                    if (c < groupCost) {
                        groupCost = c;
                        groupBest = p;
                    }
                } catch (RuntimeException ignored) {
                    // this start did not converge; others may
                }
            }
            if (groupBest != null && (best == null || groupCost < bestCost * (1 - CLEARLY_LOWER))) {
                bestCost = groupCost;
                best = groupBest;
            }
        }
        if (best == null) {
            throw new IllegalStateException("the decomposition did not converge from any start");
        }
        return best;
    }

    /** {@link #exStarts(double[], double[])} of the measured values. */
    static double[] exStarts(List<Observation> obs, double fixedEx) {
        ConductanceDecomposition d = new ConductanceDecomposition(obs, fixedEx);
        return d.exStarts(d.measuredG(), d.measuredE());
    }

    /**
     * Where EX starts: a known EX itself; else midway in the physiological range, then from the data: the pooled
     * within-cell slope of g_lin·E_lin against g_lin (within a cell gL and EL are fixed, so g_lin·E_lin = gL·EL +
     * gX·EX rises with g_lin = gL + gX at slope EX exactly), kept within the range --ex_mv takes. The slope reaches
     * an EX far from mid-range that the first start's valley may not; it is left out where no cell's g_lin varies.
     */
    private double[] exStarts(double[] g, double[] e) {
        if (!Double.isNaN(fixedEx)) {
            return new double[] {fixedEx};
        }
        double sxy = 0, sxx = 0;
        for (int c = 0; c < cells.size(); c++) {
            double n = 0, mg = 0, mq = 0;
            for (int i = 0; i < obs.size(); i++) {
                if (cellOf[i] == c) {
                    n++;
                    mg += g[i];
                    mq += g[i] * e[i];
                }
            }
            mg /= n;
            mq /= n;
            for (int i = 0; i < obs.size(); i++) {
                if (cellOf[i] == c) {
                    sxy += (g[i] - mg) * (g[i] * e[i] - mq);
                    sxx += (g[i] - mg) * (g[i] - mg);
                }
            }
        }
        double slope = sxx > 0 ? sxy / sxx : Double.NaN;
        if (!Double.isFinite(slope)) {
            return new double[] {MID_RANGE_EX_START_MV};
        }
        return new double[] {MID_RANGE_EX_START_MV, Math.max(EX_START_MIN_MV, Math.min(EX_START_MAX_MV, slope))};
    }

    private double[] start(double[] g, double[] e, double h0, double k0, double ex0) {
        int nc = cells.size();
        double[] p = new double[4 + 2 * nc];
        p[0] = ex0;
        double spread = 0;
        for (int c = 0; c < nc; c++) {
            double gHi = Double.NaN, eHi = Double.NaN, cHi = h0 > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            double gMin = Double.POSITIVE_INFINITY, gMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < obs.size(); i++) {
                if (cellOf[i] != c) {
                    continue;
                }
                double cond = obs.get(i).condition();
                if (h0 > 0 ? cond > cHi : cond < cHi) {
                    cHi = cond;
                    gHi = g[i];
                    eHi = e[i];
                }
                gMin = Math.min(gMin, g[i]);
                gMax = Math.max(gMax, g[i]);
            }
            spread = Math.max(spread, gMax - gMin);
            p[4 + 2 * c] = Math.max(0.05, gHi);
            p[5 + 2 * c] = eHi;
        }
        p[1] = Math.log(Math.max(0.05, spread));
        p[2] = Math.log(Math.max(1e-3, k0));
        p[3] = h0;
        return p;
    }

    private double[] residuals(double[] p, double[] g, double[] e) {
        HillLaw law = law(p);
        double[] r = new double[2 * obs.size() + 1];
        for (int i = 0; i < obs.size(); i++) {
            int c = cellOf[i];
            double gL = p[4 + 2 * c];
            double eL = p[5 + 2 * c];
            double gx = law.value(obs.get(i).condition());
            double gt = gL + gx;
            double et = (gL * eL + gx * p[0]) / gt;
            r[2 * i] = (gt - g[i]) / seG(i);
            r[2 * i + 1] = (et - e[i]) / seE(i);
        }
        // a known reversal holds EX in place (a stiff prior; 0 when EX is free)
        r[2 * obs.size()] = Double.isNaN(fixedEx) ? 0 : (p[0] - fixedEx) / 1e-3;
        return r;
    }

    private double cost(double[] p, double[] g, double[] e) {
        double s = LeastSquares.sumOfSquares(residuals(p, g, e));
        return Double.isFinite(s) ? s : Double.POSITIVE_INFINITY;
    }

    private double[] optimise(double[] start, double[] g, double[] e) {
        double[] out = LeastSquares.unbounded(p -> residuals(p, g, e)).minimise(start, MAX_ITERATIONS, TOLERANCE).x();
        if (Math.abs(out[3]) > 12 || !Double.isFinite(cost(out, g, e))) {
            throw new IllegalStateException("diverged");
        }
        return out;
    }

    /** Leave one cell out: fit the law on the others, then only the held-out cell's leak with the law fixed. */
    private List<HeldOut> heldOut(double[] full) {
        List<HeldOut> out = new ArrayList<>();
        if (cells.size() < 2) {
            return out;
        }
        for (String cell : cells) {
            List<Observation> train = obs.stream().filter(o -> !o.cell().equals(cell)).toList();
            List<Observation> test = obs.stream().filter(o -> o.cell().equals(cell)).toList();
            if (!whyNot(train).isEmpty() || test.isEmpty()) {
                continue;
            }
            try {
                ConductanceDecomposition dt = new ConductanceDecomposition(train, fixedEx);
                double[] p = dt.fitBest(dt.measuredG(), dt.measuredE(), null);
                HillLaw law = dt.law(p);
                double ex = p[0];
                ConductanceDecomposition dh = new ConductanceDecomposition(test, fixedEx);
                double[] q = new double[6];
                q[0] = ex;
                q[1] = p[1];
                q[2] = p[2];
                q[3] = p[3];
                double[] leak = dh.fitLeakOnly(q);
                double se2 = 0, sg2 = 0, maxGx = 0;
                for (int i = 0; i < test.size(); i++) {
                    Observation o = test.get(i);
                    double gx = law.value(o.condition());
                    double gt = leak[0] + gx;
                    double et = (leak[0] * leak[1] + gx * ex) / gt;
                    sg2 += sq(gt - o.gNs());
                    se2 += sq(et - o.eMv());
                    double own = extraConductance(leak[0], leak[1], ex, o.gNs(), o.eMv(), dh.seG(i), dh.seE(i));
                    maxGx = Math.max(maxGx, Math.abs(own - gx));
                }
                out.add(new HeldOut(cell, Math.sqrt(sg2 / test.size()), Math.sqrt(se2 / test.size()), maxGx, leak[0],
                        leak[1], ex, law));
            } catch (RuntimeException e) {
                out.add(new HeldOut(cell, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        null));
            }
        }
        return out;
    }

    /** gL, EL of a single cell with EX and the law fixed (given in q[0..3]). */
    private double[] fitLeakOnly(double[] q) {
        double[] g = measuredG();
        double[] e = measuredE();
        double[] s = start(g, e, q[3], Math.exp(q[2]), q[0]);
        double[] p = q.clone();
        p[4] = s[4];
        p[5] = s[5];
        boolean[] leakOnly = {false, false, false, false, true, true};
        double[] x = LeastSquares.unbounded(u -> residuals(u, g, e)).minimise(p, leakOnly, MAX_ITERATIONS, TOLERANCE).x();
        return new double[] {x[4], x[5]};
    }

    static double r2(double[] y, double[] fit) {
        double mean = Arrays.stream(y).average().orElse(Double.NaN);
        double ssr = 0, sst = 0;
        for (int i = 0; i < y.length; i++) {
            ssr += sq(y[i] - fit[i]);
            sst += sq(y[i] - mean);
        }
        return sst == 0 ? Double.NaN : 1 - ssr / sst;
    }
}
