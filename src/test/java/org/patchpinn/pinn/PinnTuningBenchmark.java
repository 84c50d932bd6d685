package org.patchpinn.pinn;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@code pinn} method on squid_steps.atf (sweeps 1, 2, 4 fit, 3 held out) with settings from system
 * properties: {@code -Dwindow} (ms), {@code -Dfourier}, {@code -DlatentRate}, {@code -DmaxWeight},
 * {@code -Dsteps}, {@code -DinitScale=fNa,fK,fL} (start conductances × factors); prints the kept checkpoint's conductance errors against truth.json.
 */
@Tag("benchmark")
class PinnTuningBenchmark {
    public static void main(String[] a) {
        new PinnTuningBenchmark().squid();
    }

    @Test
    void squid() {
        CurrentClampData d = NewStateBenchmark.load("squid_steps.atf");
        PinnFitter.Options defaults = PinnFitter.Options.builder(TestBases.HH_SQUID, 0).build();
        PinnFitter.Options.Builder b = defaults.toBuilder().device("cpu")
                .tuning(Integer.getInteger("fourier", defaults.fourier()), Double.parseDouble(System.getProperty(
                        "latentRate", String.valueOf(defaults.latentRate()))), Double.parseDouble(System.getProperty(
                        "maxWeight", String.valueOf(defaults.maxLossWeight()))))
                .steps(Integer.getInteger("steps", defaults.steps()))
                .windowMs(Double.parseDouble(System.getProperty("window", String.valueOf(defaults.windowMs()))));
        String scale = System.getProperty("initScale");
        if (scale != null) {
            // start away from the template: factors on gNa, gK, gL
            String[] f = scale.split(",");
            double[] init = defaults.init().clone();
            for (int i = 0; i < 3; i++) {
                init[i + 1] *= Double.parseDouble(f[i]);
            }
            b.init(init);
        }
        PinnFitter.Options o = b.build();
        PinnFitter.Result r = new PinnFitter().fit(d.select(List.of(0, 1, 3)), d.select(List.of(2)), o,
                NewStateBenchmark.printing());
        double[] p = r.model().parameters();
        double[] t = NewStateBenchmark.SQUID_TRUTH;
        System.out.printf(Locale.ROOT, "pinn window %.1f ms, %d Fourier, latent rate %.1e, max weight %.0f, %d steps: "
                + "gNa %.1f %%, gK %.1f %%, gL %.1f %% (%.0f s)%n", o.windowMs(), o.fourier(), o.latentRate(),
                o.maxLossWeight(), o.steps(), 100 * (p[1] / t[1] - 1), 100 * (p[2] / t[2] - 1), 100 * (p[3] / t[3] - 1),
                r.wallSeconds());
    }
}
