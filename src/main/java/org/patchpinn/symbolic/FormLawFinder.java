package org.patchpinn.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Laws built from the search's building-block shapes only, every one fitted and the best kept by the corrected
 * Akaike criterion: deterministic and quick, for the handful of condition levels a comparison has, where a
 * general search fits noise. One variable x: constant, linear c + k·x, exponential c + a·e^(k·x), Boltzmann
 * c + a·sig(k·x + m), and for positive x the Hill shape c + a·sig(k·log x + m) = c + a/(1 + (x/K)^h). Two
 * variables (V, x): an ohmic current whose conductance follows one of those shapes of x, shape·(V − E).
 * Constants are fitted by {@link Objective} (Levenberg–Marquardt, exact Jacobian) from several starts.
 */
public final class FormLawFinder implements LawFinder {
    private record Form(String name, List<Node> starts) { }

    private static Node c(double v) {
        return Node.constant(v);
    }

    private static Node add(Node a, Node b) {
        return Node.binary(Op.ADD, a, b);
    }

    private static Node mul(Node a, Node b) {
        return Node.binary(Op.MUL, a, b);
    }

    @Override
    public Optional<Law> find(String target, List<String> variables, double[][] x, double[] y) {
        int n = y.length;
        int k = variables.size();
        if (n == 0 || (k != 1 && k != 2) || Arrays.stream(y).anyMatch(v -> !Double.isFinite(v))) {
            return Optional.empty();
        }
        Dataset data = SymbolicLawFinder.conditionData(x, y, variables, target);
        double[][] columns = data.x();
        Objective objective = new Objective(data, Objective.Weighting.ABSOLUTE);
        List<Form> forms = k == 1 ? shapes(columns[0], y, 0, true, 1) : ohmic(columns[1], y);
        Node best = null;
        String bestName = "";
        double bestAic = Double.POSITIVE_INFINITY;
        for (Form form : forms) {
            int p = form.starts().get(0).constants().length;
            if (n <= p + 1) {
                continue;
            }
            for (Node start : form.starts()) {
                Node fitted = objective.fitConstants(start, 500);
                double rss = rss(new CompiledExpression(fitted).evaluate(columns), y);
                if (!Double.isFinite(rss)) {
                    continue;
                }
                double aic = n * Math.log(Math.max(rss, 1e-300) / n) + 2 * p + 2.0 * p * (p + 1) / (n - p - 1);
                if (aic < bestAic - 1e-9) {
                    bestAic = aic;
                    best = fitted;
                    bestName = form.name();
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(SymbolicLawFinder.law(target, data, best, objective,
                "building-block forms (" + bestName + ", AICc)"));
    }

    /**
     * The one-variable shapes of variable {@code v}; with {@code offset} each has an additive constant (a law of
     * a quantity), without it (a conductance inside an ohmic current) the shape is scaled only.
     */
    private static List<Form> shapes(double[] xs, double[] y, int v, boolean offset, double ampScale) {
        double lo = Arrays.stream(xs).min().orElse(0);
        double hi = Arrays.stream(xs).max().orElse(1);
        double span = Math.max(1e-3, hi - lo);
        double mid = 0.5 * (lo + hi);
        double ymin = Arrays.stream(y).min().orElse(0);
        double ymax = Arrays.stream(y).max().orElse(1);
        double mean = Arrays.stream(y).average().orElse(0);
        double amp = ampScale * (offset ? ymax - ymin : Math.max(Math.abs(ymax), Math.abs(ymin)));
        Node var = Node.variable(v);
        List<Form> forms = new ArrayList<>();
        if (offset) {
            forms.add(new Form("constant", List.of(c(mean))));
            forms.add(new Form("linear", List.of(add(c(mean), mul(c(0), var)))));
        }
        List<Node> exp = new ArrayList<>();
        List<Node> boltzmann = new ArrayList<>();
        for (double sign : new double[] {1, -1}) {
            for (double slope : new double[] {1, 4}) {
                double kx = sign * slope / span;
                // a·e^(k·x) (no constant inside: it would only rescale a), a started so the shape spans amp
                exp.add(scaled(offset, ymin, amp * Math.exp(-kx * (kx > 0 ? hi : lo)),
                        Node.unary(Op.EXP, mul(c(kx), var))));
                boltzmann.add(scaled(offset, ymin, amp, Node.unary(Op.SIG, add(c(-kx * mid), mul(c(kx), var)))));
            }
        }
        forms.add(new Form("exponential", exp));
        forms.add(new Form("Boltzmann", boltzmann));
        if (lo > 0) {
            double[] sorted = Arrays.stream(xs).sorted().toArray();
            double xmid = sorted[sorted.length / 2];
            List<Node> hill = new ArrayList<>();
            for (double kk : new double[] {-2, -1, 1, 2}) {
                for (double kd : new double[] {xmid, xmid / 3}) {
                    hill.add(scaled(offset, ymin, amp, Node.unary(Op.SIG,
                            add(c(-kk * Math.log(kd)), mul(c(kk), Node.unary(Op.LOG, var))))));
                }
            }
            forms.add(new Form("Hill", hill));
        }
        return forms;
    }

    private static Node scaled(boolean offset, double base, double amp, Node shape) {
        Node s = mul(c(amp == 0 ? 1 : amp), shape);
        return offset ? add(c(base), s) : s;
    }

    /** shape(x)·(V − E), V variable 0 and x variable 1, E started at −90 and −60 mV. */
    private static List<Form> ohmic(double[] xs, double[] y) {
        List<Form> out = new ArrayList<>();
        // the conductance's start scale: the current's, divided by a typical 30 mV driving force
        for (Form f : shapes(xs, y, 1, false, 1.0 / 30)) {
            List<Node> starts = new ArrayList<>();
            for (Node s : f.starts()) {
                for (double e : new double[] {-90, -60}) {
                    starts.add(mul(s, add(Node.variable(0), c(-e))));
                }
            }
            out.add(new Form("ohmic " + f.name(), starts));
        }
        return out;
    }

    private static double rss(double[] fit, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (fit[i] - y[i]) * (fit[i] - y[i]);
        }
        return Double.isFinite(s) ? s : Double.POSITIVE_INFINITY;
    }
}
