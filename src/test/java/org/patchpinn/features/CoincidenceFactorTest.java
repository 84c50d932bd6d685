package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CoincidenceFactorTest {

    @Test
    void identicalTrainsGiveOneAndShiftsBeyondTheWindowGiveNothing() {
        double[] a = {10, 30, 50, 70, 90};
        assertEquals(1.0, CoincidenceFactor.gamma(a, a, 100), 1e-12);
        double[] near = Arrays.stream(a).map(t -> t + 1.5).toArray();
        assertEquals(1.0, CoincidenceFactor.gamma(a, near, 100), 1e-12);
        double[] far = Arrays.stream(a).map(t -> t + 5).toArray();
        assertTrue(CoincidenceFactor.gamma(a, far, 100) < 0);
        assertEquals(1.0, CoincidenceFactor.gamma(new double[0], new double[0], 100));
        assertEquals(0.0, CoincidenceFactor.gamma(a, new double[0], 100));
    }

    @Test
    void eachDataSpikeMatchesOnce() {
        assertEquals(1, CoincidenceFactor.coincidences(new double[] {10}, new double[] {9.5, 10.5}, 2));
        assertEquals(1, CoincidenceFactor.coincidences(new double[] {10, 11}, new double[] {10.5}, 2));
    }

    @Test
    void independentPoissonTrainsGiveAboutZero() {
        Random rnd = new Random(3);
        double sum = 0;
        int n = 200;
        for (int k = 0; k < n; k++) {
            sum += CoincidenceFactor.gamma(poisson(rnd, 0.02, 10000), poisson(rnd, 0.02, 10000), 10000);
        }
        assertEquals(0, sum / n, 0.05);
    }

    private static double[] poisson(Random rnd, double ratePerMs, double durationMs) {
        double t = 0;
        double[] out = new double[0];
        while (true) {
            t += -Math.log(1 - rnd.nextDouble()) / ratePerMs;
            if (t >= durationMs) {
                return out;
            }
            out = Arrays.copyOf(out, out.length + 1);
            out[out.length - 1] = t;
        }
    }
}
