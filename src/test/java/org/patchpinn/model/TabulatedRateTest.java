package org.patchpinn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patchpinn.sim.SimulationResult;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;

class TabulatedRateTest {

    @Test
    void interpolatesAndHoldsTheEnds() {
        TabulatedRate r = TabulatedRate.of(new double[] {-80, -60, -20}, new double[] {0, 1, 3});
        assertEquals(0.5, r.value(-70), 1e-12);
        assertEquals(2, r.value(-40), 1e-12);
        assertEquals(0, r.value(-200));
        assertEquals(3, r.value(50));
        TabulatedRate e = TabulatedRate.evenGrid(-100, 1, new double[] {1, 2, 3, 4});
        assertEquals(2.25, e.value(-98.75), 1e-12);
        assertThrows(ModelException.class, () -> TabulatedRate.of(new double[] {0, 0}, new double[] {1, 2}));
    }

    @Test
    void aTabulatedGateSimulatesLikeItsFormula() {
        RateFunction inf = v -> 1 / (1 + Math.exp(-(v + 35) / 10));
        RateFunction tau = v -> 608 / (3.3 * Math.exp((v + 35) / 20) + Math.exp(-(v + 35) / 20));
        ModelSpec base = BuiltinModels.get("traub-rs");
        ModelSpec exact = base.withGatedCurrent("M", 8.88, -90, inf, tau);
        ModelSpec table = base.withGatedCurrent("M", 8.88, -90, TabulatedRate.sample(inf, -120, 60, 1801),
                TabulatedRate.sample(tau, -120, 60, 1801));
        SimulationResult a = Simulator.shared().simulate(exact, exact.values(), Stimuli.step(20, 200, 300), 250, 0.05);
        SimulationResult b = Simulator.shared().simulate(table, table.values(), Stimuli.step(20, 200, 300), 250, 0.05);
        double worst = 0;
        for (int i = 0; i < a.length(); i++) {
            worst = Math.max(worst, Math.abs(a.v()[i] - b.v()[i]));
        }
        assertTrue(worst < 1, "worst difference " + worst + " mV");
        assertTrue(a.currents().containsKey("IM"));
    }
}
