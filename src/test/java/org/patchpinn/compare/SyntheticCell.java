package org.patchpinn.compare;

import java.util.List;
import java.util.SplittableRandom;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

/**
 * Test recordings with a known answer: a passive cell with a slow current (default: traub-rs-m's M-current) and
 * an extra linear conductance, C dV/dt = I − gL(V−EL) − gX(V−EX) − gM·p(V−EK), integrated with small Euler
 * steps (4 per sample) and sampled at 20 kHz with Gaussian noise; the injected current is the command waveform.
 * Sweeps: 100 ms at 0 pA, a step, 100 ms at 0 pA. A null {@code gate} is a cell without a slow current.
 */
record SyntheticCell(double cPf, double gL, double eL, double gM, double ek, double gX, double ex, SlowGate gate) {
    static final double DT = 0.05;
    static final SlowGate M_CURRENT = SubthresholdStructure.DEFAULT.slowGate().orElseThrow();

    SyntheticCell(double cPf, double gL, double eL, double gM, double ek, double gX, double ex) {
        this(cPf, gL, eL, gM, ek, gX, ex, M_CURRENT);
    }

    /** The same cell with another slow gate (null: none). */
    SyntheticCell withGate(SlowGate g) {
        return new SyntheticCell(cPf, gL, eL, gM, ek, gX, ex, g);
    }

    Recording record(double[] stepsPa, double stepMs, double noiseMv, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Recording.Builder b = Recording.builder().format("simulated", "").sampleRateHz(1000.0 / DT)
                .channel("Vm", "mV").commandUnit("pA");
        for (double step : stepsPa) {
            int n = (int) Math.round((200 + stepMs) / DT);
            double[] v = new double[n];
            double[] i = new double[n];
            double vm = restingPotential();
            double p = steadyState(vm);
            double h = DT / 4;
            for (int k = 0; k < n; k++) {
                double t = k * DT;
                i[k] = t >= 100 && t < 100 + stepMs ? step : 0;
                v[k] = vm + noiseMv * rnd.nextGaussian();
                for (int s = 0; s < 4; s++) {
                    double dv = (i[k] - gL * (vm - eL) - gX * (vm - ex) - gM * p * (vm - ek)) / cPf;
                    if (gate != null) {
                        p += h * (gate.steadyState(vm) - p) / gate.tauMs(vm);
                    }
                    vm += h * dv;
                }
            }
            b.sweep(new Sweep(List.of(Trace.of(v)), Trace.of(i)));
        }
        return b.build();
    }

    double restingPotential() {
        double lo = -120, hi = 0;
        for (int it = 0; it < 100; it++) {
            double v = 0.5 * (lo + hi);
            double f = gL * (v - eL) + gX * (v - ex) + gM * steadyState(v) * (v - ek);
            if (f > 0) {
                hi = v;
            } else {
                lo = v;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The slow gate's steady state; 0 without a slow current. */
    private double steadyState(double v) {
        return gate == null ? 0 : gate.steadyState(v);
    }

    double gLin() {
        return gL + gX;
    }

    double eLin() {
        return (gL * eL + gX * ex) / (gL + gX);
    }

    static double law(double g) {
        return 4.0 / (1 + Math.pow(g / 2.0, 2));
    }

    /** Cell {@code c} (0, 1, 2, …) at condition level g: cells differ in size and leak. */
    static SyntheticCell at(int c, double g) {
        return new SyntheticCell(100 + 15 * c, 3.0 + 0.4 * c, -68 - 1.5 * c, 5.0, -90, law(g), -90);
    }
}
