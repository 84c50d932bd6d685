package org.patchpinn.features;

import java.util.Random;

/**
 * Test-only membrane-voltage traces with known events: a baseline, optional RC step responses, stereotyped
 * action potentials peaking at chosen times, alpha-shaped EPSPs and Gaussian noise.
 *
 * <p>The action potential, relative to its peak time u = t - t_peak (ms): a Gaussian rise and fall of
 * height {@code amplitude} (widths {@code riseMs}, {@code fallMs}) minus an alpha-shaped AHP of depth
 * {@code ahpMv} peaking {@code ahpDelayMs} after the peak.
 */
final class SyntheticTrace {
    final double dt;
    final double[] v;

    SyntheticTrace(double durationMs, double dtMs, double baselineMv) {
        this.dt = dtMs;
        this.v = new double[(int) Math.round(durationMs / dtMs) + 1];
        java.util.Arrays.fill(v, baselineMv);
    }

    double t(int i) {
        return i * dt;
    }

    /** Adds an RC response to a step from {@code startMs} to {@code endMs}: deflection dV, time constant tau. */
    SyntheticTrace step(double startMs, double endMs, double deflectionMv, double tauMs) {
        for (int i = 0; i < v.length; i++) {
            double t = t(i);
            if (t > startMs && t <= endMs) {
                v[i] += deflectionMv * (1 - Math.exp(-(t - startMs) / tauMs));
            } else if (t > endMs) {
                double atEnd = deflectionMv * (1 - Math.exp(-(endMs - startMs) / tauMs));
                v[i] += atEnd * Math.exp(-(t - endMs) / tauMs);
            }
        }
        return this;
    }

    /** A standard spike: 100 mV high, rise 0.3 ms, fall 0.5 ms, 15 mV AHP 3 ms after the peak. */
    SyntheticTrace spike(double peakMs) {
        return spike(peakMs, 100, 0.3, 0.5, 15, 3);
    }

    SyntheticTrace spike(double peakMs, double amplitude, double riseMs, double fallMs, double ahpMv,
                         double ahpDelayMs) {
        for (int i = 0; i < v.length; i++) {
            v[i] += spikeShape(t(i) - peakMs, amplitude, riseMs, fallMs, ahpMv, ahpDelayMs);
        }
        return this;
    }

    static double spikeShape(double u, double amplitude, double riseMs, double fallMs, double ahpMv,
                             double ahpDelayMs) {
        double s = u < 0 ? riseMs : fallMs;
        double x = u / s;
        double out = x * x > 60 ? 0 : amplitude * Math.exp(-x * x);
        if (u > 0) {
            double a = u / ahpDelayMs;
            out -= ahpMv * a * Math.exp(1 - a);
        }
        return out;
    }

    /** Alpha-shaped EPSP of height {@code amplitudeMv} starting at {@code onsetMs}, peaking tau later. */
    SyntheticTrace epsp(double onsetMs, double amplitudeMv, double tauMs) {
        for (int i = 0; i < v.length; i++) {
            double u = t(i) - onsetMs;
            if (u > 0) {
                double a = u / tauMs;
                v[i] += amplitudeMv * a * Math.exp(1 - a);
            }
        }
        return this;
    }

    SyntheticTrace noise(double sdMv, long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < v.length; i++) {
            v[i] += sdMv * r.nextGaussian();
        }
        return this;
    }

    /** A copy of samples [fromMs, toMs). */
    double[] slice(double fromMs, double toMs) {
        int a = (int) Math.round(fromMs / dt);
        int b = (int) Math.round(toMs / dt);
        return java.util.Arrays.copyOfRange(v, a, b);
    }
}
