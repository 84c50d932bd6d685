package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;

/** The slow gate comes from the model file: the M-current of traub-rs-m, with the file's parameter values. */
class SlowGateTest {
    @Test
    void theBaseGateIsTheMCurrentOfPospischil2008() {
        SlowGate g = SlowGate.of(BuiltinModels.get("traub-rs-m"));
        assertEquals("IM", g.current());
        assertEquals("gM", g.conductance());
        assertEquals("EK", g.reversal());
        for (double v : new double[] {-90, -70, -55, -35, 0}) {
            // p∞ = 1/(1+e^(−(V+35)/10)), τ = 608/(3.3e^((V+35)/20)+e^(−(V+35)/20)) (Pospischil et al. 2008)
            assertEquals(1 / (1 + Math.exp(-(v + 35) / 10)), g.steadyState(v), 1e-12, "p∞ at " + v);
            assertEquals(608 / (3.3 * Math.exp((v + 35) / 20) + Math.exp(-(v + 35) / 20)), g.tauMs(v), 1e-9,
                    "τ at " + v);
        }
    }

    @Test
    void kineticsFollowTheModelsParameterValues() {
        ModelSpec m = BuiltinModels.get("traub-rs-m");
        double tau = SlowGate.of(m).tauMs(-60);
        assertEquals(2 * tau, SlowGate.of(m.withValue("tauMax", 1216)).tauMs(-60), 1e-9);
    }

    @Test
    void aModelWithoutASlowSingleGateCurrentIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlowGate.of(BuiltinModels.get("hh-squid")));
        assertTrue(e.getMessage().contains("hh-squid"), e.getMessage());
        assertTrue(SlowGate.in(BuiltinModels.get("traub-rs")).isEmpty(), "no slow gate is an answer, not an error");
    }

    @Test
    void aGateDrivenAtConstantVoltageStaysAtSteadyState() {
        SlowGate g = SlowGate.of(BuiltinModels.get("traub-rs-m"));
        double[] v = new double[2000];
        Arrays.fill(v, -65);
        double[] p = g.drive(v, 0.05);
        assertEquals(g.steadyState(-65), p[p.length - 1], 1e-12);
    }
}
