package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Which quantities change with the condition, for the designs labs run: few cells, several levels, each cell
 * recorded at several levels. Per quantity a within-cell regression on the level (levels numbered 1…L from
 * the lowest condition; each cell has its own intercept, so differences between cells cannot make a trend):
 * slope β, effect = β·(L−1), the change from the lowest to the highest level, with a t interval. Its
 * p-value comes from permuting the recordings' levels within each cell — the same permutation for every
 * quantity — and family-wise error over all quantities is controlled by a Westfall–Young single-step method
 * chosen from the design alone ({@link #familyWiseMethod}): min-P where the design resolves it, else max-T.
 * Small designs are enumerated exactly. Recordings of cells measured once form one between-cell stratum.
 *
 * <p>A design has a smallest attainable p (the observed ordering and its reverse among all orderings of the
 * levels within cells): with 2 cells × 3 levels it is 2/36 = 0.056, so nothing can reach α = 0.05. The
 * design says so, and which larger design would, and effects are still reported.
 */
public final class WithinCellTrend {
    /** One recording: its cell and condition. */
    public record Recording(String cell, double condition) { }

    /** One quantity's test. @param t the within-cell slope's t statistic, NaN when not testable */
    public record Result(String quantity, double effect, double ciLow, double ciHigh, double t, double p,
                         double pAdjusted, int n, int df) {
        public boolean testable() {
            return Double.isFinite(t);
        }
    }

    /**
     * @param minP     smallest p any quantity can reach with this design
     * @param warning  "" or why the design cannot detect a change at α, and what would
     */
    public record Design(int cells, int levels, double orderings, boolean exact, int permutations, double minP,
                         String familyWise, String warning) { }

    public static final String MIN_P = "min-P";
    public static final String MAX_T = "max-T";

    public record Analysis(Design design, List<Result> results) { }

    private WithinCellTrend() {
    }

    /**
     * @param values per quantity, one value per recording (NaN: missing)
     */
    public static Analysis test(List<Recording> recordings, Map<String, double[]> values, int permutations,
                                long seed, double alpha) {
        int n = recordings.size();
        double[] levels = recordings.stream().mapToDouble(Recording::condition).filter(Double::isFinite).distinct()
                .sorted().toArray();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Arrays.binarySearch(levels, recordings.get(i).condition()) + 1.0;
        }
        int[][] strata = strata(recordings);
        double orderings = orderings(strata, x);
        double arrangements = 1;
        for (int[] s : strata) {
            arrangements *= factorial(s.length);
        }
        boolean exact = arrangements <= permutations;
        List<String> names = new ArrayList<>(values.keySet());
        int q = names.size();
        double[][] y = new double[q][];
        for (int k = 0; k < q; k++) {
            y[k] = values.get(names.get(k));
        }
        double[][] fit = new double[q][];
        double[] tObs = new double[q];
        for (int k = 0; k < q; k++) {
            fit[k] = slope(x, y[k], strata);
            tObs[k] = fit[k][1];
        }
        // the permutation distribution of every |t|, one row per ordering (the observed one included when sampling)
        List<double[]> rows = new ArrayList<>();
        double[] xp = x.clone();
        if (exact) {
            enumerate(strata, 0, xp, () -> rows.add(absT(xp, y, strata, tObs)));
        } else {
            rows.add(absT(x, y, strata, tObs));
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int b = 0; b < permutations; b++) {
                for (int[] s : strata) {
                    for (int i = s.length - 1; i > 0; i--) {
                        int j = rnd.nextInt(i + 1);
                        double t = xp[s[i]];
                        xp[s[i]] = xp[s[j]];
                        xp[s[j]] = t;
                    }
                }
                rows.add(absT(xp, y, strata, tObs));
            }
        }
        double minP = Math.min(1, exact ? 2.0 / orderings : Math.max(2.0 / orderings, 1.0 / (1.0 + permutations)));
        if (orderings < 2) {
            minP = 1;
        }
        int testable = (int) Arrays.stream(tObs).filter(Double::isFinite).count();
        String method = familyWiseMethod(testable, minP, alpha);
        double[][] table = rows.toArray(double[][]::new);
        double[][] pAll = minP(table, tObs);
        double[] pSingle = pAll[0];
        double[] pFamily = method.equals(MIN_P) ? pAll[1] : maxT(table, tObs);
        List<Result> out = new ArrayList<>();
        for (int k = 0; k < q; k++) {
            double[] f = fit[k];
            double p = pSingle[k];
            double pAdj = pFamily[k];
            int df = (int) f[3];
            double span = levels.length - 1;
            double half = df > 0 && Double.isFinite(f[2])
                    ? new TDistribution(df).inverseCumulativeProbability(0.975) * f[2] : Double.NaN;
            out.add(new Result(names.get(k), f[0] * span, (f[0] - half) * span, (f[0] + half) * span, tObs[k], p,
                    pAdj, (int) f[4], df));
        }
        int cells = (int) recordings.stream().map(Recording::cell).distinct().count();
        String warning = minP > alpha ? advice(recordings, levels.length, cells, minP, alpha) : "";
        return new Analysis(new Design(cells, levels.length, orderings, exact, exact ? rows.size() : permutations, minP,
                method, warning), out);
    }

    /** Runs {@code each} on every within-stratum permutation of xp (small designs only). */
    private static void enumerate(int[][] strata, int s, double[] xp, Runnable each) {
        if (s == strata.length) {
            each.run();
            return;
        }
        permute(strata[s], 0, xp, () -> enumerate(strata, s + 1, xp, each));
    }

    private static void permute(int[] idx, int k, double[] xp, Runnable then) {
        if (k >= idx.length - 1) {
            then.run();
            return;
        }
        for (int i = k; i < idx.length; i++) {
            swap(xp, idx[k], idx[i]);
            permute(idx, k + 1, xp, then);
            swap(xp, idx[k], idx[i]);
        }
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /**
     * Min-P or max-T, from the design and the number of quantities only (never from the data's p-values, so the
     * family-wise error holds for either). Min-P is the more powerful when the quantities' t distributions
     * differ — a noisy fitted parameter (one on its bound in some cells) has permuted |t| with long tails that
     * would set max-T's threshold for every quantity — but a quantity at its own extreme can only pass it when
     * the design has orderings to spare: its adjusted p can reach the number of quantities × the smallest
     * attainable p. So min-P when that product is at most α/2, max-T otherwise (3 cells × 5 levels sampled with
     * 10,000 permutations: min-P for up to ~250 quantities; 3 cells × 3 levels, 216 orderings: max-T).
     */
    static String familyWiseMethod(int quantities, double smallestP, double alpha) {
        return quantities * smallestP <= alpha / 2 ? MIN_P : MAX_T;
    }

    /** Max-T adjusted p: the share of orderings whose largest |t| over the quantities reaches each observed |t|. */
    static double[] maxT(double[][] rows, double[] tObs) {
        double[] largest = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            for (int k = 0; k < tObs.length; k++) {
                if (Double.isFinite(tObs[k])) {
                    largest[r] = Math.max(largest[r], rows[r][k]);
                }
            }
        }
        Arrays.sort(largest);
        double[] adjusted = new double[tObs.length];
        for (int k = 0; k < tObs.length; k++) {
            adjusted[k] = Double.isFinite(tObs[k])
                    ? atLeast(largest, Math.abs(tObs[k])) / (double) rows.length : Double.NaN;
        }
        return adjusted;
    }

    /** |t| of every quantity under one ordering (NaN for untestable quantities, +∞ for a perfect fit). */
    private static double[] absT(double[] xp, double[][] y, int[][] strata, double[] tObs) {
        double[] t = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            if (!Double.isFinite(tObs[k])) {
                t[k] = Double.NaN;
                continue;
            }
            double v = Math.abs(slope(xp, y[k], strata)[1]);
            t[k] = Double.isFinite(v) ? v : Double.POSITIVE_INFINITY; // a perfect within-cell fit
        }
        return t;
    }

    /**
     * Westfall–Young single-step min-P over the orderings' |t| (row 0 need not be the observed one):
     * {per-quantity p, family-wise adjusted p}. Each quantity's p is the share of orderings whose |t| reaches
     * the observed one; under every ordering each quantity's |t| is turned into its own p the same way, and the
     * adjusted p is the share of orderings whose smallest p over the quantities is at most the observed p.
     */
    static double[][] minP(double[][] rows, double[] tObs) {
        int b = rows.length;
        int q = tObs.length;
        double[] p = new double[q];
        double[] smallest = new double[b];
        Arrays.fill(smallest, 1);
        for (int k = 0; k < q; k++) {
            if (!Double.isFinite(tObs[k])) {
                p[k] = Double.NaN;
                continue;
            }
            double[] col = new double[b];
            for (int r = 0; r < b; r++) {
                col[r] = rows[r][k];
            }
            double[] sorted = col.clone();
            Arrays.sort(sorted);
            p[k] = atLeast(sorted, Math.abs(tObs[k])) / (double) b;
            for (int r = 0; r < b; r++) {
                smallest[r] = Math.min(smallest[r], atLeast(sorted, col[r]) / (double) b);
            }
        }
        double[] adjusted = new double[q];
        double[] sortedSmallest = smallest.clone();
        Arrays.sort(sortedSmallest);
        for (int k = 0; k < q; k++) {
            adjusted[k] = Double.isFinite(p[k])
                    ? Math.max(p[k], atMost(sortedSmallest, p[k]) / (double) b) : Double.NaN;
        }
        return new double[][] {p, adjusted};
    }

    /** How many of the ascending values are ≥ v (with the same relative tolerance for ties as before). */
    private static int atLeast(double[] ascending, double v) {
        double cut = v * (1 - 1e-12);
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] < cut) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return ascending.length - lo;
    }

    /** How many of the ascending values are ≤ v (with a relative tolerance for ties). */
    private static int atMost(double[] ascending, double v) {
        double cut = v * (1 + 1e-12);
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] <= cut) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Within-stratum least squares of y on x: {β, t, se(β), df, n}; t is NaN when y does not vary within
     * the strata (e.g. a parameter shared by each cell's recordings) or there are no residual degrees of
     * freedom.
     */
    static double[] slope(double[] x, double[] y, int[][] strata) {
        double sxy = 0, sxx = 0, syy = 0;
        int n = 0, groups = 0;
        for (int[] s : strata) {
            double mx = 0, my = 0;
            int m = 0;
            for (int i : s) {
                if (Double.isFinite(y[i])) {
                    mx += x[i];
                    my += y[i];
                    m++;
                }
            }
            if (m < 2) {
                continue;
            }
            mx /= m;
            my /= m;
            for (int i : s) {
                if (Double.isFinite(y[i])) {
                    sxy += (x[i] - mx) * (y[i] - my);
                    sxx += (x[i] - mx) * (x[i] - mx);
                    syy += (y[i] - my) * (y[i] - my);
                }
            }
            n += m;
            groups++;
        }
        int df = n - groups - 1;
        if (sxx == 0 || groups == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, df, n};
        }
        double beta = sxy / sxx;
        double rss = Math.max(0, syy - beta * sxy);
        if (syy <= 1e-24 * Math.max(1, sxx) || df <= 0) {
            return new double[] {beta, Double.NaN, Double.NaN, df, n};
        }
        double se = Math.sqrt(rss / df / sxx);
        return new double[] {beta, se == 0 ? Double.POSITIVE_INFINITY * Math.signum(beta) : beta / se, se, df, n};
    }

    /** Recording indices per cell with two or more levels; cells measured once pooled into one stratum. */
    static int[][] strata(List<Recording> recordings) {
        Map<String, List<Integer>> byCell = new LinkedHashMap<>();
        for (int i = 0; i < recordings.size(); i++) {
            if (Double.isFinite(recordings.get(i).condition())) {
                byCell.computeIfAbsent(recordings.get(i).cell(), k -> new ArrayList<>()).add(i);
            }
        }
        List<int[]> out = new ArrayList<>();
        List<Integer> singles = new ArrayList<>();
        for (List<Integer> g : byCell.values()) {
            if (g.stream().mapToDouble(i -> recordings.get(i).condition()).distinct().count() >= 2) {
                out.add(g.stream().mapToInt(Integer::intValue).toArray());
            } else {
                singles.addAll(g);
            }
        }
        if (singles.stream().mapToDouble(i -> recordings.get(i).condition()).distinct().count() >= 2) {
            out.add(singles.stream().mapToInt(Integer::intValue).toArray());
        }
        return out.toArray(int[][]::new);
    }

    /** Distinct orderings of the levels within the strata: Π n_c! / Π m_{c,l}!. */
    static double orderings(int[][] strata, double[] x) {
        double o = 1;
        for (int[] s : strata) {
            o *= factorial(s.length);
            Map<Double, Integer> m = new LinkedHashMap<>();
            for (int i : s) {
                m.merge(x[i], 1, Integer::sum);
            }
            for (int c : m.values()) {
                o /= factorial(c);
            }
        }
        return o;
    }

    private static long factorial(int k) {
        long f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }

    /** Why the design cannot reach α and the smallest balanced designs that could. */
    private static String advice(List<Recording> recordings, int levels, int cells, double minP, double alpha) {
        if (levels < 2) {
            return "one condition level: nothing can change";
        }
        int moreCells = cells;
        while (2 / Math.pow(factorial(levels), moreCells) > alpha && moreCells < 100) {
            moreCells++;
        }
        int moreLevels = levels;
        while (moreLevels < 12 && 2 / Math.pow(factorial(moreLevels), Math.max(1, cells)) > alpha) {
            moreLevels++;
        }
        return String.format(Locale.ROOT, "this design (%d cells × %d levels) cannot detect a within-cell trend at "
                + "α %.3g: the smallest attainable p is %.3g; %d cells at %d levels (or %d levels in each of %d "
                + "cells) would allow p %.3g / %.3g. Effects and intervals are still reported", cells, levels, alpha,
                minP, moreCells, levels, moreLevels, Math.max(1, cells), 2 / Math.pow(factorial(levels), moreCells),
                2 / Math.pow(factorial(moreLevels), Math.max(1, cells)));
    }
}
