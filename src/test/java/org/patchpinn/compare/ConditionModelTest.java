package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditionModelTest {
    private static ConditionModel model(double exMv, double gmax) {
        return model(-70, exMv, gmax);
    }

    private static ConditionModel model(double elMv, double exMv, double gmax) {
        return new ConditionModel("glucose_mM", SubthresholdStructure.DEFAULT, 118, 2.4, elMv, 8.9, -90, exMv,
                new HillLaw(gmax, 1.5, 2), "test");
    }

    @Test
    void restingPotentialWhereTheCurrentsCancel() {
        double v = model(-90, 5).restingPotential(0.5);
        assertTrue(v > -90 && v < -70, "rest " + v);
    }

    @Test
    void anUnidentifiedReversalGivesNoRestInsteadOfAnError() {
        // a control series: gX ~ 0.3 nS with its reversal far outside any physiological range
        ConditionModel m = model(-10000, 0.3);
        assertTrue(Double.isNaN(m.restingPotential(0.5)), "no rest between -200 and 100 mV");
        assertEquals(-10000, m.spec(0.5).parameter("EX").value(), 1e-9,
                "the level's model is still written");
        assertEquals(-5160, model(-5160, -10000, 0.3).spec(0.5).parameter("EL")
                .value(), 1e-9, "a leak reversal outside the template's bounds too");
    }
}
