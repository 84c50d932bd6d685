package org.patchpinn.sim;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

/**
 * A current-clamp recording simulated from a model: one sweep per command waveform, V sampled at the
 * recording's interval with a {@link NoiseModel}, the clean command stored as the sweep's stimulus. Same seed,
 * same recording.
 */
public final class SyntheticRecording {
    private SyntheticRecording() {
    }

    /**
     * @param commands   one stimulus per sweep (pA)
     * @param durationMs sweep length
     * @param dtMs       sampling interval
     */
    public static Recording generate(ModelSpec m, double[] params, List<Stimulus> commands, double durationMs,
                                     double dtMs, NoiseModel noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Recording.Builder b = Recording.builder().format("simulated", "").sampleRateHz(1000.0 / dtMs)
                .channel("Vm", "mV").commandUnit("pA").protocol("simulated " + m.name())
                .metadata("model", m.name()).metadata("seed", Long.toString(seed))
                .metadata("comment", String.format(Locale.ROOT, "simulated %s, noise %.3g mV white + %.3g pA OU",
                        m.name(), noise.voltageSdMv(), noise.currentSdPa()));
        Simulator sim = Simulator.shared();
        int n = (int) Math.ceil(durationMs / dtMs - 1e-9);
        for (Stimulus command : commands) {
            double[] cmd = new double[n];
            for (int i = 0; i < n; i++) {
                cmd[i] = command.currentPa(i * dtMs);
            }
            Stimulus held = Stimuli.sampled(cmd, dtMs, command.describe());
            Stimulus driven = noise.currentSdPa() > 0 ? withOu(held, noise, durationMs, rnd.split()) : held;
            double[] v = sim.simulate(m, params, driven, durationMs, dtMs, Simulator.stepFor(dtMs), null, false).v();
            for (int i = 0; i < n; i++) {
                v[i] += noise.voltageSdMv() * gaussian(rnd);
            }
            b.sweep(new Sweep(List.of(Trace.of(v)), Trace.of(cmd)));
        }
        return b.build();
    }

    /** The command plus an OU current sampled every 0.005 ms (exact OU update), held between samples. */
    private static Stimulus withOu(Stimulus command, NoiseModel noise, double durationMs, SplittableRandom rnd) {
        double h = 0.005;
        int n = (int) Math.ceil(durationMs / h) + 2;
        double[] ou = new double[n];
        double a = Math.exp(-h / noise.currentTauMs());
        double s = noise.currentSdPa() * Math.sqrt(1 - a * a);
        double x = noise.currentSdPa() * gaussian(rnd);
        for (int i = 0; i < n; i++) {
            ou[i] = x;
            x = a * x + s * gaussian(rnd);
        }
        return new Stimulus() {
            @Override public double currentPa(double tMs) {
                int i = Math.min(n - 1, Math.max(0, (int) (tMs / h)));
                return command.currentPa(tMs) + ou[i];
            }

            @Override public double durationMs() { return command.durationMs(); }

            @Override public String describe() { return command.describe() + " + OU noise"; }
        };
    }

    /** Box–Muller, so the sequence depends only on the seed (not on a JDK's nextGaussian). */
    static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
