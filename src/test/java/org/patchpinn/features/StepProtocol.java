package org.patchpinn.features;

import java.util.List;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

/**
 * Test-only current-clamp step protocol of a model cell: R = 150 MOhm, tau = 20 ms, rest -65 mV; steps from
 * {@link #START_MS} to {@link #END_MS}; above {@link #RHEOBASE_PA} it fires regularly at
 * {@link #SLOPE_HZ_PER_PA} x (I - {@link #FI_ORIGIN_PA}).
 */
final class StepProtocol {
    static final double DT = 0.05;
    static final double START_MS = 100;
    static final double END_MS = 600;
    static final double RHEOBASE_PA = 100;
    static final double FI_ORIGIN_PA = 75;
    static final double SLOPE_HZ_PER_PA = 0.2;
    static final double[] STEPS_PA = {-100, -50, 0, 50, 100, 150, 200, 250};

    private StepProtocol() {
    }

    static double rateHz(double pa) {
        return pa >= RHEOBASE_PA ? SLOPE_HZ_PER_PA * (pa - FI_ORIGIN_PA) : 0;
    }

    static SyntheticTrace sweep(double pa, long seed) {
        double deflection = 150e-3 * pa; // MOhm x pA = uV; mV
        SyntheticTrace tr = new SyntheticTrace(800, DT, -65).step(START_MS, END_MS, Math.min(deflection, 12), 20);
        double rate = rateHz(pa);
        if (rate > 0) {
            double isi = 1000 / rate;
            for (double t = START_MS + isi / 2; t < END_MS; t += isi) {
                tr.spike(t);
            }
        }
        return tr.noise(0.05, seed);
    }

    static double[] command(double pa, int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            double t = i * DT;
            c[i] = t >= START_MS && t < END_MS ? pa : 0;
        }
        return c;
    }

    /** The protocol as a recording: channel "Vm" in mV (or "V" when {@code volts}), command in pA. */
    static Recording recording(boolean volts) {
        Recording.Builder b = Recording.builder().format("simulated", "").sampleRateHz(1000 / DT)
                .channel("Vm", volts ? "V" : "mV").commandUnit("pA");
        for (int k = 0; k < STEPS_PA.length; k++) {
            SyntheticTrace tr = sweep(STEPS_PA[k], 100 + k);
            double[] v = tr.v.clone();
            if (volts) {
                for (int i = 0; i < v.length; i++) {
                    v[i] /= 1000;
                }
            }
            b.sweep(new Sweep(List.of(Trace.of(v)), Trace.of(command(STEPS_PA[k], v.length))));
        }
        return b.build();
    }
}
