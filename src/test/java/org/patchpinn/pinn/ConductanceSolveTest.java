package org.patchpinn.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConductanceSolveTest {
    private static final KnownModel B = TestBases.TRAUB_RS;
    private static final double ENA = 50;
    private static final double EK = -90;
    private static final double EL = -70.3;

    private static final double CM = 118.4;
    private static final double GNA = 6632;
    private static final double GK = 710;
    private static final double GL = 2.4;
    /** Cm, reversals and VT as the solve reads them; the conductances here are not read (they are solved). */
    private static final double[] P = {CM, 1, 1, 1, ENA, EK, EL, -56.2};

    /** Random states; dV/dt made to satisfy the current balance exactly with the given latent current. */
    private record Data(float[] v, float[] dv, float[] gates, float[][] z, float[] cur) { }

    private static Data data(double gz, double ez) {
        Random r = new Random(3);
        int n = 500;
        double cm = CM;
        double gNa = GNA;
        double gK = GK;
        double gL = GL;
        float[] v = new float[n];
        float[] dv = new float[n];
        float[] gates = new float[3 * n];
        float[][] z = new float[1][n];
        float[] cur = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (-80 + 110 * r.nextDouble());
            for (int q = 0; q < 3; q++) {
                gates[3 * i + q] = (float) r.nextDouble();
            }
            z[0][i] = (float) r.nextDouble();
            cur[i] = (float) (400 * r.nextDouble());
            double m = gates[3 * i];
            double nn = gates[3 * i + 2];
            double ion = gNa * m * m * m * gates[3 * i + 1] * (v[i] - ENA) + gK * nn * nn * nn * nn * (v[i] - EK)
                    + gL * (v[i] - EL) + gz * z[0][i] * (v[i] - ez);
            dv[i] = (float) ((cur[i] - ion) / cm);
        }
        return new Data(v, dv, gates, z, cur);
    }

    @Test
    void recoversEveryLinearParameterOfAConsistentCurrentBalance() {
        Data d = data(8.9, -90);
        ConductanceSolve.Solution s = ConductanceSolve.solve(B, P, d.v(), d.dv(), d.gates(), d.z(), d.cur());
        // float32 inputs: relative agreement ~1e-4
        assertEquals(GNA, s.base()[0], 1e-3 * GNA);
        assertEquals(GK, s.base()[1], 1e-3 * GK);
        assertEquals(GL, s.base()[2], 0.05);
        assertEquals(8.9, s.latent()[0][0], 0.05);
        assertEquals(-90, s.latent()[0][1], 0.5);
    }

    @Test
    void switchesOffALatentCurrentTheDataDoNotWantAndClampsItsReversal() {
        // an inward "current" with negative g is not a gated conductance: g = 0, the rest solved without it
        Data neg = data(-5, -90);
        ConductanceSolve.Solution s = ConductanceSolve.solveBounded(B, P, neg.v(), neg.dv(), neg.gates(), neg.z(),
                neg.cur(), -109, 59);
        ConductanceSolve.Solution without = ConductanceSolve.solve(B, P, neg.v(), neg.dv(), neg.gates(),
                new float[0][], neg.cur());
        assertEquals(0, s.latent()[0][0]);
        for (int i = 0; i < 3; i++) {
            assertEquals(without.base()[i], s.base()[i], 1e-9 * Math.abs(without.base()[i]));
        }
        // a reversal beyond the bounds is clamped, g kept
        Data far = data(8.9, -150);
        ConductanceSolve.Solution c = ConductanceSolve.solveBounded(B, P, far.v(), far.dv(), far.gates(), far.z(),
                far.cur(), -109, 59);
        assertEquals(-109, c.latent()[0][1]);
        assertEquals(8.9, c.latent()[0][0], 0.05);
    }

    @Test
    void saysSoWhenTheProblemIsSingular() {
        // all gates closed: the sodium and potassium columns vanish
        int n = 50;
        float[] v = new float[n];
        float[] zeros = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = -70 + i;
        }
        assertNull(ConductanceSolve.solve(B, P, v, zeros, new float[3 * n], new float[0][], zeros));
    }
}
