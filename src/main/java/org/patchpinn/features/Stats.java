package org.patchpinn.features;

/** Standard deviations and moments without boxing (the mean: {@link TraceMath#mean}). */
final class Stats {
    private Stats() {
    }

    /** Standard deviation with n - 1 in the denominator (numpy ddof=1, as eFEL's ISI_CV). */
    static double sampleStd(double[] a) {
        double m = TraceMath.mean(a, 0, a.length);
        double s = 0;
        for (double d : a) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / (a.length - 1));
    }

    /** Standard deviation with n in the denominator (numpy's default, as sbi uses). */
    static double populationStd(double[] v, int from, int to) {
        return Math.sqrt(centralMoments(v, from, to)[1]);
    }

    /** {mean, 2nd, 3rd, 4th central moment} of v[from, to) (population moments, as scipy.stats.moment). */
    static double[] centralMoments(double[] v, int from, int to) {
        int n = to - from;
        double m = TraceMath.mean(v, from, to);
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (int i = from; i < to; i++) {
            double d = v[i] - m;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        return new double[] {m, m2 / n, m3 / n, m4 / n};
    }
}
