package org.patchpinn.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NewStateSelectionTest {
    static SweepScore score(double gamma, int spikes) {
        return new SweepScore(2, 400, gamma, spikes, spikes, 0, 0, 1, 1, 10, 10, 20, 20);
    }

    @Test
    void toleranceIsTwoBinomialStandardErrorsOfTheHeldOutGamma() {
        assertEquals(2 * Math.sqrt(0.9 * 0.1 / 29), NewStateFit.tolerance(List.of(score(0.9, 29))), 1e-12);
        // pooled over sweeps, weighted by their spikes: Γ (0.8·10 + 1.0·30)/40 = 0.95
        assertEquals(2 * Math.sqrt(0.95 * 0.05 / 40), NewStateFit.tolerance(List.of(score(0.8, 10), score(1.0, 30))),
                1e-12);
    }

    @Test
    void toleranceNeverFallsBelowTheMinimum() {
        assertEquals(NewStateFit.TOLERANCE, NewStateFit.tolerance(List.of(score(1.0, 29))));
        assertEquals(NewStateFit.TOLERANCE, NewStateFit.tolerance(List.of(score(0.99, 2000))));
        assertEquals(NewStateFit.TOLERANCE, NewStateFit.tolerance(List.of(score(0, 0))), "no held-out spikes");
    }
}
