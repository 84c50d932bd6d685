package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.features.PassiveSteps;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.sim.Simulator;

/**
 * The onset base of a hybrid fit reads a hyperpolarising step before its sag: on a cell with an h-current the
 * input resistance at the peak, on one without it the steady state (nothing to read before).
 */
class PassiveEstimateSagTest {
    private static final double DT = 0.05;
    private static final double STEP_PA = -250;

    @Test
    void aSaggingStepIsReadAtItsPeakAndAFlatOneAtItsSteadyState() {
        ModelSpec h = BuiltinModels.get("traub-rs-h").withValue("gM", 0.1).withValue("gH", 15);
        PassiveSteps sagging = measured(h);
        PassiveSteps.Step s = sagging.steps().get(0);
        assertTrue(s.sags(), "an h-current of 15 nS sags: peak " + s.peakMv() + " mV, steady " + s.deflectionMv());
        PassiveEstimate steady = PassiveEstimate.ofMeasured(List.of(sagging), false);
        PassiveEstimate before = PassiveEstimate.ofMeasured(List.of(sagging), true);
        assertEquals(1, before.sagSteps());
        assertTrue(before.beforeSag() && !steady.beforeSag());
        assertEquals(s.peakMv() / STEP_PA * 1000, before.inputResistanceMOhm(), 1e-9);
        assertTrue(before.inputResistanceMOhm() > 1.1 * steady.inputResistanceMOhm(),
                "before the sag " + before.inputResistanceMOhm() + " MOhm, steady " + steady.inputResistanceMOhm());

        PassiveSteps flat = measured(h.withValue("gH", 0));
        assertFalse(flat.steps().get(0).sags(), "no h-current, no sag");
        assertEquals(PassiveEstimate.ofMeasured(List.of(flat), false).inputResistanceMOhm(),
                PassiveEstimate.ofMeasured(List.of(flat), true).inputResistanceMOhm(), 1e-9);
    }

    /** A 400 ms step of {@value #STEP_PA} pA after 300 ms at rest, measured as a fit measures its sweeps. */
    private static PassiveSteps measured(ModelSpec m) {
        double[] v = Simulator.shared().voltage(m, m.values(), t -> t >= 300 && t < 700 ? STEP_PA : 0, 900, DT);
        double[] cmd = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            cmd[i] = i * DT >= 300 && i * DT < 700 ? STEP_PA : 0;
        }
        return PassiveSteps.of(v, cmd, DT);
    }
}
