package org.patchpinn.compare;

/**
 * The M-current activation gate of the regular-spiking cortical model (Pospischil et al. 2008, Biol Cybern
 * 99:427): p∞ = 1/(1+e^(−(V+35)/10)), τp = τmax/(3.3e^((V+35)/20)+e^(−(V+35)/20)), τmax = 608 ms. It is
 * the one slow voltage-dependent current of the shared model structure that acts between spikes, so the
 * subthreshold regression includes it; driven by the measured V it obeys a linear ODE, integrated exactly
 * per sample (exponential step with the rates averaged over the step).
 */
public final class SlowPotassiumGate {
    public static final double TAU_MAX_MS = 608.0;

    private SlowPotassiumGate() {
    }

    public static double steadyState(double v) {
        return 1.0 / (1.0 + Math.exp(-(v + 35.0) / 10.0));
    }

    public static double tauMs(double v) {
        return TAU_MAX_MS / (3.3 * Math.exp((v + 35.0) / 20.0) + Math.exp(-(v + 35.0) / 20.0));
    }

    /** The gate along a measured voltage trace, starting at steady state for the mean of the first 1 ms. */
    public static double[] drive(double[] v, double dtMs) {
        double[] p = new double[v.length];
        if (v.length == 0) {
            return p;
        }
        int head = Math.max(1, Math.min(v.length, (int) Math.round(1.0 / dtMs)));
        double v0 = 0;
        for (int i = 0; i < head; i++) {
            v0 += v[i];
        }
        p[0] = steadyState(v0 / head);
        double infPrev = steadyState(v[0]);
        double ratePrev = 1.0 / tauMs(v[0]);
        for (int i = 1; i < v.length; i++) {
            double inf = steadyState(v[i]);
            double rate = 1.0 / tauMs(v[i]);
            double pin = 0.5 * (inf + infPrev);
            p[i] = pin + (p[i - 1] - pin) * Math.exp(-dtMs * 0.5 * (rate + ratePrev));
            infPrev = inf;
            ratePrev = rate;
        }
        return p;
    }
}
