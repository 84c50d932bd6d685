package org.patchpinn.symbolic;

import java.util.Arrays;
import java.util.List;

/**
 * Picks the law to report from a Pareto front. The lowest training error belongs to the most complex law,
 * which fits the noise and extrapolates worst; the law wanted is the simplest whose error is already at
 * the noise level. The noise level comes from the data themselves (fourth differences along a uniformly
 * sampled single input, whose smooth-signal part is negligible).
 *
 * <p>When the noise level is unknown (several inputs, irregular sampling) or no law comes near it (the
 * residuals are systematic, e.g. a network's smooth approximation error), the knee of the front is taken
 * instead: the law with the steepest fall of log-loss per added node, among the laws whose loss is within a
 * factor 100 of the lowest (RMS error within 10×). This is PySR's "best" rule with a much wider margin: a
 * network's smooth approximation error is fitted ever better by ever larger laws, so the right law may sit
 * well above the lowest loss, while the margin still keeps rough early laws out.
 */
public final class ModelSelector {
    /** The chosen law and why. */
    public record Choice(Candidate law, double threshold, double noiseLoss, String rule, List<Candidate> front) { }

    private static final double KNEE_MARGIN = 100;
    private static final double TINY = 1e-300;

    private ModelSelector() {
    }

    /**
     * The chosen law, or null for an empty front.
     *
     * @param noise the loss of a perfect law ({@link #noiseLoss}), NaN when unknown
     */
    public static Choice choose(List<Candidate> front, Objective objective, double noise) {
        if (front.isEmpty()) {
            return null;
        }
        double minLoss = front.stream().mapToDouble(Candidate::loss).min().orElseThrow();
        int n = objective.data().size();
        if (Double.isFinite(noise) && noise > 0 && minLoss <= 2 * noise) {
            double threshold = Math.max(noise * (1 + 3 * Math.sqrt(2.0 / n)), minLoss * 1.02);
            for (Candidate c : front) {
                if (c.loss() <= threshold) {
                    return new Choice(c, threshold, noise, "simplest law within the noise level", front);
                }
            }
        }
        double cap = KNEE_MARGIN * minLoss;
        Candidate best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < front.size(); i++) {
            Candidate c = front.get(i);
            if (c.loss() > cap) {
                continue;
            }
            double score = i == 0 ? Double.POSITIVE_INFINITY
                    : -(Math.log(c.loss() + TINY) - Math.log(front.get(i - 1).loss() + TINY))
                            / (c.complexity() - front.get(i - 1).complexity());
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return new Choice(best, cap, noise, "knee of the Pareto front (steepest loss fall per node within "
                + KNEE_MARGIN + " x the lowest loss)", front);
    }

    /**
     * The loss a perfect law would have on these data (the weighted noise variance), or NaN when the data
     * are not a single uniformly sampled input.
     */
    public static double noiseLoss(Objective objective) {
        Dataset d = objective.data();
        if (d.variableCount() != 1 || d.size() < 20) {
            return Double.NaN;
        }
        double[] x = d.x()[0];
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double step = (x[order[order.length - 1]] - x[order[0]]) / (order.length - 1);
        for (int i = 1; i < order.length; i++) {
            double h = x[order[i]] - x[order[i - 1]];
            if (Math.abs(h - step) > 1e-6 * Math.abs(step) + 1e-12) {
                return Double.NaN;
            }
        }
        // 4th difference: coefficients 1, −4, 6, −4, 1 (sum of squares 70); each residual weighted as the
        // objective weights the middle sample.
        double[] y = d.y();
        double sum = 0;
        int count = 0;
        for (int i = 2; i + 2 < order.length; i++) {
            double diff = y[order[i - 2]] - 4 * y[order[i - 1]] + 6 * y[order[i]] - 4 * y[order[i + 1]]
                    + y[order[i + 2]];
            double w = objective.weight(order[i]);
            sum += diff * diff * w * w / 70;
            count++;
        }
        return sum / count;
    }
}
