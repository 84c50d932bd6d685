package org.patchpinn.fit;

/**
 * Gaussian smoothing approximated by three passes of a moving average (central limit theorem; error of a
 * few per cent in the kernel shape, no FFT), edges handled by repeating the end samples. O(n) per pass.
 */
final class GaussianSmoothing {
    private GaussianSmoothing() {
    }

    /** x smoothed with a kernel of {@code sigmaSamples} standard deviation (in samples). */
    static double[] smooth(double[] x, double sigmaSamples) {
        // Three boxes of width w have variance 3 (w² − 1) / 12.
        int w = (int) Math.round(Math.sqrt(4 * sigmaSamples * sigmaSamples + 1));
        if (w < 2) {
            return x.clone();
        }
        double[] a = box(x, w);
        double[] b = box(a, w);
        return box(b, w);
    }

    private static double[] box(double[] x, int w) {
        int n = x.length;
        double[] out = new double[n];
        int left = w / 2;
        int right = w - 1 - left;
        double sum = 0;
        for (int j = -left; j <= right; j++) {
            sum += x[clamp(j, n)];
        }
        for (int i = 0; i < n; i++) {
            out[i] = sum / w;
            sum += x[clamp(i + right + 1, n)] - x[clamp(i - left, n)];
        }
        return out;
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
