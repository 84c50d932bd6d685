package org.patchpinn.symbolic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelFileParser;
import org.patchpinn.model.ModelFileWriter;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;

/**
 * The loop learned functions → sr → model file → simulate, on the M-current of traub-rs-m: the public
 * bench files boltzmann.csv and tau_m.csv are that current's z∞(V) and τz(V) with 0.2 % noise. The laws
 * found are added to traub-rs, the model file is written and read back, and the three current steps of
 * rs_adapting_steps (150, 250, 400 pA) are compared with traub-rs-m: coincidence factor Γ (±2 ms) and V RMSE.
 */
@Tag("benchmark")
class SrLoopBenchmark {

    @Test
    void discoveredMCurrentReproducesTheAdaptingCell() {
        ModelSpec truth = BuiltinModels.get("traub-rs-m");
        FoundLaw zInf = search("boltzmann");
        FoundLaw tau = search("tau_m");
        ModelSpec extended = DiscoveredCurrent.add(BuiltinModels.get("traub-rs"), "M", truth.parameter("gM").value(),
                truth.parameter("EK").value(), zInf, tau);
        String text = ModelFileWriter.write(extended);
        ModelSpec found = ModelFileParser.parse(text, "traub-rs-sr-M.model");
        double worstGamma = 1;
        for (double pa : new double[] {150, 250, 400}) {
            double[] v = Simulator.shared().voltage(found, found.values(), Stimuli.step(50, 300, pa), 400, 0.05);
            double[] t = Simulator.shared().voltage(truth, truth.values(), Stimuli.step(50, 300, pa), 400, 0.05);
            List<Double> s1 = spikes(v, 0.05);
            List<Double> s2 = spikes(t, 0.05);
            double gamma = gamma(s1, s2, 2, 400);
            worstGamma = Math.min(worstGamma, gamma);
            double sum = 0;
            for (int i = 0; i < v.length; i++) {
                sum += (v[i] - t[i]) * (v[i] - t[i]);
            }
            System.out.printf("step %.0f pA: spikes %d (truth %d), Gamma %.4f, V RMSE %.3f mV%n", pa, s1.size(),
                    s2.size(), gamma, Math.sqrt(sum / v.length));
        }
        System.out.println("z_inf = " + zInf.voltageExpression());
        System.out.println("tau   = " + tau.voltageExpression());
        assertTrue(worstGamma > 0.9, "Gamma " + worstGamma);
    }

    private static FoundLaw search(String name) {
        Dataset data = TableReader.read(SharedData.path("bench/public/sr/" + name + ".csv"), List.of("V"), "y");
        SearchResult r = SymbolicSearch.run(data, SearchSettings.defaults(1).withThreads(2), Progress.NONE);
        return new FoundLaw(r.best().law(), data.variables(), name);
    }

    /** Upward crossings of 0 mV, in ms. */
    static List<Double> spikes(double[] v, double dt) {
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < v.length; i++) {
            if (v[i - 1] < 0 && v[i] >= 0) {
                out.add(i * dt);
            }
        }
        return out;
    }

    /** Coincidence factor (Kistler 1997; Jolivet 2008) of {@code model} against {@code data}. */
    static double gamma(List<Double> model, List<Double> data, double windowMs, double durationMs) {
        if (model.isEmpty() && data.isEmpty()) {
            return 1;
        }
        int coincidences = 0;
        for (double d : data) {
            if (model.stream().anyMatch(m -> Math.abs(m - d) <= windowMs)) {
                coincidences++;
            }
        }
        double rate = model.size() / durationMs;
        double expected = 2 * rate * windowMs * data.size();
        double norm = 1 - 2 * rate * windowMs;
        return (coincidences - expected) / (0.5 * (model.size() + data.size())) / norm;
    }
}
