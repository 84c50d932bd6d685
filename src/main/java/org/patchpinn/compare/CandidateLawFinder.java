package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.patchpinn.numeric.LeastSquares;

/**
 * The built-in law finder: fits a few forms that condition dependences in physiology take and keeps the one
 * with the smallest corrected Akaike criterion. One variable x: constant, linear a+b·x, exponential
 * c+a·e^(−x/τ), Hill c+a/(1+(x/K)^h). Two variables (V, x): an ohmic current whose conductance follows a
 * Hill law, a/(1+(x/K)^h)·(V−E). Not a symbolic search — the symbolic-regression engine replaces it.
 */
public final class CandidateLawFinder implements LawFinder {
    private record Form(String name, int k, double[][] starts, Function<double[], ToDoubleFunction<double[]>> f,
                        Function<double[], String[]> text) { }

    @Override
    public Optional<Law> find(String target, List<String> variables, double[][] x, double[] y) {
        List<Form> forms = variables.size() == 1 ? oneVariable(x, y, variables.get(0))
                : variables.size() == 2 ? ohmic(x, y, variables.get(0), variables.get(1)) : List.of();
        int n = y.length;
        Law best = null;
        double bestAic = Double.POSITIVE_INFINITY;
        for (Form form : forms) {
            if (n <= form.k() + 1) {
                continue;
            }
            double[] p = fit(form, x, y);
            if (p == null) {
                continue;
            }
            ToDoubleFunction<double[]> fn = form.f().apply(p);
            double rss = rss(fn, x, y);
            double aic = n * Math.log(Math.max(rss, 1e-300) / n) + 2 * form.k()
                    + 2.0 * form.k() * (form.k() + 1) / (n - form.k() - 1);
            if (aic < bestAic - 1e-9) {
                bestAic = aic;
                String[] t = form.text().apply(p);
                best = new Law(target, variables, t[0], t[1], r2(fn, x, y), "candidate forms (" + form.name() + ")",
                        fn);
            }
        }
        return Optional.ofNullable(best);
    }

    private static double[] fit(Form form, double[][] x, double[] y) {
        double[] best = null;
        double bestRss = Double.POSITIVE_INFINITY;
        for (double[] s : form.starts()) {
            try {
                double[] p = LeastSquares.unbounded(q -> {
                    ToDoubleFunction<double[]> fn = form.f().apply(q);
                    double[] r = new double[y.length];
                    for (int i = 0; i < y.length; i++) {
                        r[i] = fn.applyAsDouble(x[i]) - y[i];
                    }
                    return r;
                }).minimise(s, 1000, 1e-10).x();
                double rss = rss(form.f().apply(p), x, y);
                if (rss < bestRss) {
                    bestRss = rss;
                    best = p;
                }
            } catch (RuntimeException ignored) {
                // try the next start
            }
        }
        return best;
    }

    private static List<Form> oneVariable(double[][] x, double[] y, String v) {
        double mean = Arrays.stream(y).average().orElse(0);
        double min = Arrays.stream(y).min().orElse(0);
        double max = Arrays.stream(y).max().orElse(1);
        double[] xs = Arrays.stream(x).mapToDouble(r -> r[0]).sorted().toArray();
        double xmid = Math.max(1e-3, xs[xs.length / 2]);
        double span = Math.max(1e-3, xs[xs.length - 1] - xs[0]);
        List<Form> forms = new ArrayList<>();
        forms.add(new Form("constant", 1, new double[][] {{mean}}, p -> r -> p[0],
                p -> new String[] {fmt(p[0]), fmt(p[0])}));
        forms.add(new Form("linear", 2, new double[][] {{mean, 0}}, p -> r -> p[0] + p[1] * r[0],
                p -> new String[] {fmt(p[0]) + " + " + fmt(p[1]) + "*" + v, fmt(p[0]) + " + " + fmt(p[1]) + "*" + v}));
        forms.add(new Form("exponential", 3, new double[][] {{min, max - min, span / 3}, {max, min - max, span / 3}},
                p -> r -> p[0] + p[1] * Math.exp(-r[0] / p[2]),
                p -> new String[] {fmt(p[0]) + " + " + fmt(p[1]) + "*exp(-" + v + "/" + fmt(p[2]) + ")",
                        fmt(p[0]) + " + " + fmt(p[1]) + "*exp(-" + v + "/" + fmt(p[2]) + ")"}));
        double[][] hillStarts = {{min, max - min, Math.log(xmid), 2}, {max, min - max, Math.log(xmid), 2},
                {min, max - min, Math.log(xmid / 3), 1}, {max, min - max, Math.log(xmid / 3), 1}};
        forms.add(new Form("Hill", 4, hillStarts, p -> r -> p[0] + new HillLaw(p[1], Math.exp(p[2]), p[3]).value(r[0]),
                p -> {
                    HillLaw h = new HillLaw(p[1], Math.exp(p[2]), p[3]);
                    return new String[] {fmt(p[0]) + " + " + h.expression(v), fmt(p[0]) + " + " + h.sympy(v)};
                }));
        return forms;
    }

    private static List<Form> ohmic(double[][] x, double[] y, String volt, String v) {
        double[] xs = Arrays.stream(x).mapToDouble(r -> r[1]).filter(c -> c > 0).sorted().toArray();
        double xmid = xs.length == 0 ? 1 : xs[xs.length / 2];
        double[][] starts = {{Math.log(1), Math.log(xmid), 2, -80}, {Math.log(5), Math.log(xmid / 3), 1, -90},
                {Math.log(1), Math.log(xmid), -2, -80}};
        return List.of(new Form("ohmic Hill", 4, starts,
                p -> r -> new HillLaw(Math.exp(p[0]), Math.exp(p[1]), p[2]).value(r[1]) * (r[0] - p[3]),
                p -> {
                    HillLaw h = new HillLaw(Math.exp(p[0]), Math.exp(p[1]), p[2]);
                    String e = HillLaw.drivingForce(volt, p[3]);
                    return new String[] {h.expression(v) + "*" + e, "(" + h.sympy(v) + ")*" + e};
                }));
    }

    static double rss(ToDoubleFunction<double[]> fn, double[][] x, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double r = fn.applyAsDouble(x[i]) - y[i];
            s += r * r;
        }
        return Double.isFinite(s) ? s : Double.POSITIVE_INFINITY;
    }

    static double r2(ToDoubleFunction<double[]> fn, double[][] x, double[] y) {
        double[] fit = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            fit[i] = fn.applyAsDouble(x[i]);
        }
        return ConductanceDecomposition.r2(y, fit);
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4g", d);
    }
}
