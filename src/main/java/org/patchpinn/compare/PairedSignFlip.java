package org.patchpinn.compare;

import java.util.SplittableRandom;

/**
 * Whether one model's losses are worse than another's on the same recordings: the paired sign-flip
 * (permutation) test of the mean log loss ratio, one-sided. Under "no difference" each recording's ratio is as
 * likely inverted, so every sign pattern is equally likely; exact over all 2ⁿ patterns up to
 * {@value #EXACT_MAX} recordings, else {@value #DRAWS} seeded random patterns. Log ratios, because the losses
 * of different recordings differ by orders of magnitude and a factor is what compares them.
 */
final class PairedSignFlip {
    static final int EXACT_MAX = 16;
    static final int DRAWS = 20000;

    private PairedSignFlip() {
    }

    /**
     * p of "{@code other} is worse than {@code best}" (losses > 0, same recordings in the same order); 1 when
     * fewer than two recordings have a finite ratio.
     */
    static double pWorse(double[] best, double[] other, long seed) {
        double[] d = new double[best.length];
        int n = 0;
        for (int i = 0; i < best.length; i++) {
            double r = Math.log(other[i] / best[i]);
            if (Double.isFinite(r)) {
                d[n++] = r;
            }
        }
        if (n < 2) {
            return 1;
        }
        double observed = 0;
        for (int i = 0; i < n; i++) {
            observed += d[i];
        }
        double tol = 1e-12 * (1 + Math.abs(observed));
        long atLeast = 0;
        long total;
        if (n <= EXACT_MAX) {
            total = 1L << n;
            for (long mask = 0; mask < total; mask++) {
                if (flipped(d, n, mask) >= observed - tol) {
                    atLeast++;
                }
            }
        } else {
            SplittableRandom rnd = new SplittableRandom(seed);
            total = DRAWS + 1;
            atLeast = 1;  // the observed pattern itself
            for (int k = 0; k < DRAWS; k++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += rnd.nextBoolean() ? d[i] : -d[i];
                }
                if (sum >= observed - tol) {
                    atLeast++;
                }
            }
        }
        return (double) atLeast / total;
    }

    private static double flipped(double[] d, int n, long mask) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (mask >> i & 1) == 0 ? d[i] : -d[i];
        }
        return sum;
    }
}
