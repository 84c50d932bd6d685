package org.patchpinn.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class DivergenceGuardTest {
    @Test
    void aJumpRestoresTheParametersOfTheBestLossAndHalvesTheRates() {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            TrainableSet set = new TrainableSet(m);
            set.add("w", m.create(new float[] {1f}), 0.1);
            DivergenceGuard guard = new DivergenceGuard(set);
            set.restore(java.util.Map.of("w", new double[] {5}));
            assertFalse(guard.diverged(0.5), "first loss is the best so far");
            set.restore(java.util.Map.of("w", new double[] {7}));
            assertFalse(guard.diverged(0.9), "below twice the best: no rollback");
            set.restore(java.util.Map.of("w", new double[] {9}));
            assertTrue(guard.diverged(1.5));
            assertEquals(5, set.snapshot().get("w")[0], 1e-6, "back to the parameters whose loss was 0.5");
            assertEquals(0.5, guard.rateFactor());
            assertTrue(guard.diverged(Double.NaN), "a NaN loss counts as a jump");
            assertEquals(0.25, guard.rateFactor());
        }
    }
}
