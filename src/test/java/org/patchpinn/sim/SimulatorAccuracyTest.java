package org.patchpinn.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelException;
import org.patchpinn.model.ModelSpec;

/** The fast simulator against Commons Math's DormandPrince853 at rtol 1e-10 (issue 4: spike times ±0.05 ms). */
class SimulatorAccuracyTest {

    @Test
    void squidSpikeTimesMatchTheReferenceOver600Ms() {
        check(BuiltinModels.get("hh-squid"), 1000);
    }

    @Test
    void adaptingRsCellSpikeTimesMatchTheReferenceOver600Ms() {
        check(BuiltinModels.get("traub-rs-m"), 300);
    }

    @Test
    void cellTypeModelsSpikeTimesMatchTheReference() {
        check(BuiltinModels.get("traub-fs"), 600);
        check(BuiltinModels.get("traub-rs-a"), 200);
        check(BuiltinModels.get("traub-rs-h"), 150);
    }

    private static void check(ModelSpec m, double amplitude) {
        double[] p = m.values();
        Stimulus stim = Stimuli.step(100, 400, amplitude);
        Simulator sim = Simulator.shared();
        double dt = Simulator.DEFAULT_STEP_MS;
        SimulationResult r = sim.simulate(m, p, stim, 600, dt, dt, null, false);
        double[] y0 = sim.restingState(m, p, 0);
        List<Double> ref = ReferenceSolution.spikeTimes(m, p, stim, new double[] {0, 100, 500, 600}, y0);
        List<Double> got = ReferenceSolution.spikeTimes(r.v(), dt);
        assertTrue(ref.size() >= 5, "reference spikes: " + ref.size());
        assertEquals(ref.size(), got.size(), "spike count");
        double worst = 0;
        for (int i = 0; i < ref.size(); i++) {
            worst = Math.max(worst, Math.abs(ref.get(i) - got.get(i)));
        }
        System.out.printf("%s %.0f pA: %d spikes, worst spike-time error %.4f ms%n", m.name(), amplitude,
                ref.size(), worst);
        assertTrue(worst < 0.05, "worst spike-time error " + worst + " ms");
    }

    @Test
    void beyondTheGateGridTheGatesHoldTheirEndValuesAndTheSimulationStaysFinite() {
        ModelSpec m = BuiltinModels.get("traub-rs-m");
        GateTable t = GateTable.of(m.compiledGates().get(0).bind(m.values()));
        assertEquals(t.steadyStateAtNode(0), t.steadyState(-400), 0);
        assertEquals(t.rateAtNode(t.nodes() - 1), t.rate(300), 0);
        // a -5 nA step drives the cell far below the grid: it must run and come back to physiological voltages
        SimulationResult r = Simulator.shared().simulate(m, m.values(), Stimuli.step(50, 100, -5000), 400,
                Simulator.DEFAULT_STEP_MS);
        double min = Arrays.stream(r.v()).min().orElseThrow();
        assertTrue(min < -300, "minimum V " + min);
        double end = r.v()[r.length() - 1];
        assertTrue(end > -100 && end < -50, "V after the step " + end);
    }

    @Test
    void restingStateIsAnEquilibrium() {
        ModelSpec hh = BuiltinModels.get("hh-squid");
        SimulationResult r = Simulator.shared().simulate(hh, hh.values(), Stimuli.constant(0), 200, 0.1);
        assertEquals(-65.0, r.v()[0], 0.2);
        assertEquals(r.v()[0], r.v()[r.length() - 1], 1e-3);
        double total = 0;
        for (double[] c : r.currents().values()) {
            total += c[0];
        }
        assertEquals(0, total, 1e-6);
    }

    @Test
    void badInputIsRejectedClearly() {
        ModelSpec hh = BuiltinModels.get("hh-squid");
        double[] p = hh.values();
        Stimulus shortStim = Stimuli.sampled(new double[100], 0.05, "recorded sweep");
        SimulationException e = assertThrows(SimulationException.class,
                () -> Simulator.shared().simulate(hh, p, shortStim, 10, 0.05));
        assertTrue(e.getMessage().contains("longer than the stimulus"), e.getMessage());
        p[hh.indexOf("gNa")] = -1;
        ModelException b = assertThrows(ModelException.class,
                () -> Simulator.shared().simulate(hh, p, Stimuli.constant(0), 10, 0.05));
        assertTrue(b.getMessage().contains("gNa"), b.getMessage());
    }
}
