package org.patchpinn.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The building-block forms: each generating shape is found, with its constants, from noise-free levels. */
class FormLawFinderTest {
    private static final double[] G = {0.25, 0.5, 1, 2.5, 5, 10, 20};

    private static Law find(DoubleUnaryOperator f) {
        double[][] x = new double[G.length][];
        double[] y = new double[G.length];
        for (int i = 0; i < G.length; i++) {
            x[i] = new double[] {G[i]};
            y[i] = f.applyAsDouble(G[i]);
        }
        return new FormLawFinder().find("q (mV)", List.of("G"), x, y).orElseThrow();
    }

    @Test
    void aHillLawIsFoundAsHill() {
        Law l = find(g -> 1 + 5 / (1 + Math.pow(g / 1.5, 2)));
        assertTrue(l.source().contains("Hill"), l.toString());
        assertTrue(l.r2() > 0.9999, l.toString());
        assertEquals(1 + 5 / (1 + Math.pow(4 / 1.5, 2)), l.value(4), 1e-3);
    }

    @Test
    void aBoltzmannShiftOfAReversalIsFoundAsBoltzmann() {
        // an EK run-down: −75 mV at low glucose to −90 mV at high, half-way at 2 mM
        Law l = find(g -> -90 + 15 / (1 + Math.exp((g - 2) / 0.8)));
        assertTrue(l.r2() > 0.9999, l.toString());
        assertEquals(-90 + 15 / (1 + Math.exp((3 - 2) / 0.8)), l.value(3), 0.05);
    }

    @Test
    void aLineIsFoundAsLinear() {
        Law l = find(g -> 2 - 0.3 * g);
        assertTrue(l.source().contains("linear"), l.toString());
        assertEquals(2 - 0.3 * 7, l.value(7), 1e-6);
    }

    @Test
    void anOhmicCurrentWithAHillConductanceKeepsItsReversal() {
        double[][] x = new double[G.length * 3][];
        double[] y = new double[x.length];
        int i = 0;
        for (double g : G) {
            for (double v : new double[] {-100, -75, -50}) {
                x[i] = new double[] {v, g};
                y[i++] = 4 / (1 + Math.pow(g / 2, 2)) * (v + 90);
            }
        }
        Law l = new FormLawFinder().find("I_X (pA)", List.of("V", "G"), x, y).orElseThrow();
        assertTrue(l.r2() > 0.9999, l.toString());
        assertEquals(4 / (1 + Math.pow(3 / 2.0, 2)) * (-60 + 90), l.value(-60, 3), 0.01);
    }
}
