package org.patchpinn.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class StraightLineTest {
    @Test
    void recoversTheLineThroughExactPoints() {
        StraightLine line = new StraightLine();
        for (double x : new double[] {-2, 0.5, 1, 4}) {
            line.add(x, 3 - 0.75 * x);
        }
        assertEquals(4, line.count());
        assertEquals(-0.75, line.slope(), 1e-12);
        assertEquals(3, line.intercept(), 1e-12);
    }

    @Test
    void leastSquaresThroughScatterAndNoLineFromOneX() {
        StraightLine line = new StraightLine();
        line.add(0, 0);
        line.add(1, 2);
        line.add(2, 1);
        assertEquals(0.5, line.slope(), 1e-12); // Σ(x−x̄)(y−ȳ)/Σ(x−x̄)² = 1/2
        assertEquals(0.5, line.intercept(), 1e-12);
        StraightLine vertical = new StraightLine();
        vertical.add(1, 0);
        vertical.add(1, 5);
        assertFalse(Double.isFinite(vertical.slope()));
    }
}
