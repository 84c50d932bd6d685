package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A monotonic trend test of a quantity across condition levels that respects repeated measures: the
 * statistic is the mean within-cell Spearman correlation between condition and value (weighted by the
 * number of recordings of each cell), and its p-value comes from permuting the values within each cell,
 * so that differences between cells cannot create a trend. Recordings of cells measured only once are
 * pooled into one between-cell stratum. Two-sided; p = (1 + #{|ρ*| ≥ |ρ|}) / (1 + permutations).
 */
public final class TrendTest {
    /** One observation: the cell (stratum), the condition level and the value. */
    public record Point(String cell, double condition, double value) { }

    /** @param rho weighted mean within-stratum Spearman correlation, @param p two-sided permutation p */
    public record Result(double rho, double p, int n, int strata) { }

    private TrendTest() {
    }

    public static Result test(List<Point> points, int permutations, long seed) {
        List<double[][]> strata = strata(points);
        int n = strata.stream().mapToInt(s -> s[0].length).sum();
        if (strata.isEmpty()) {
            return new Result(Double.NaN, Double.NaN, n, 0);
        }
        double observed = statistic(strata);
        if (!Double.isFinite(observed)) {
            return new Result(Double.NaN, Double.NaN, n, strata.size());
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int extreme = 0;
        List<double[][]> shuffled = new ArrayList<>();
        for (double[][] s : strata) {
            shuffled.add(new double[][] {s[0], s[1].clone()});
        }
        for (int r = 0; r < permutations; r++) {
            for (double[][] s : shuffled) {
                double[] y = s[1];
                for (int i = y.length - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    double t = y[i];
                    y[i] = y[j];
                    y[j] = t;
                }
            }
            if (Math.abs(statistic(shuffled)) >= Math.abs(observed) - 1e-12) {
                extreme++;
            }
        }
        return new Result(observed, (1.0 + extreme) / (1.0 + permutations), n, strata.size());
    }

    /** Strata as {x ranks, y ranks}; a stratum needs two distinct conditions to say anything. */
    static List<double[][]> strata(List<Point> points) {
        Map<String, List<Point>> byCell = new LinkedHashMap<>();
        for (Point p : points) {
            if (Double.isFinite(p.value()) && Double.isFinite(p.condition())) {
                byCell.computeIfAbsent(p.cell(), k -> new ArrayList<>()).add(p);
            }
        }
        List<List<Point>> groups = new ArrayList<>();
        List<Point> singles = new ArrayList<>();
        for (List<Point> g : byCell.values()) {
            if (g.size() >= 2 && g.stream().mapToDouble(Point::condition).distinct().count() >= 2) {
                groups.add(g);
            } else {
                singles.addAll(g);
            }
        }
        if (singles.size() >= 2 && singles.stream().mapToDouble(Point::condition).distinct().count() >= 2) {
            groups.add(singles);
        }
        List<double[][]> out = new ArrayList<>();
        for (List<Point> g : groups) {
            out.add(new double[][] {ranks(g.stream().mapToDouble(Point::condition).toArray()),
                    ranks(g.stream().mapToDouble(Point::value).toArray())});
        }
        return out;
    }

    private static double statistic(List<double[][]> strata) {
        double sum = 0;
        int w = 0;
        for (double[][] s : strata) {
            double r = pearson(s[0], s[1]);
            if (Double.isFinite(r)) {
                sum += s[0].length * r;
                w += s[0].length;
            }
        }
        return w == 0 ? Double.NaN : sum / w;
    }

    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** Ranks 1..n with ties given their average rank. */
    static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    /** Holm's step-down adjustment of p-values (NaN stays NaN), so "changes" controls the family-wise error. */
    public static double[] holm(double[] p) {
        int m = (int) java.util.Arrays.stream(p).filter(Double::isFinite).count();
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(finiteOr(p[a]), finiteOr(p[b])));
        double[] adj = new double[p.length];
        java.util.Arrays.fill(adj, Double.NaN);
        double running = 0;
        for (int k = 0; k < m; k++) {
            int i = idx[k];
            running = Math.max(running, Math.min(1, (m - k) * p[i]));
            adj[i] = running;
        }
        return adj;
    }

    private static double finiteOr(double d) {
        return Double.isFinite(d) ? d : Double.MAX_VALUE;
    }
}
