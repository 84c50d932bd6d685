package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The electrode's transient at a command edge is told from an action potential, and bridged over. */
class EdgeTransientsTest {
    private static final double DT = 0.1; // 10 kHz, as the CA1 recordings where it was met

    /** A -1.6 nA step from 31.2 ms, V at -67 mV with the transient of 96711008.abf sweep 2 at its onset. */
    private static double[] stepWithTransient(double[] command) {
        double[] v = new double[2000];
        int e = 312;
        for (int i = 0; i < v.length; i++) {
            command[i] = i >= e && i < 1500 ? -1600 : 0;
            v[i] = i < e ? -67 : -67 - 80 * (1 - Math.exp(-(i - e) * DT / 5));
        }
        v[e + 1] = -8.5; // one sample 59 mV above rest, then the decay of the electrode's swing
        v[e + 2] = -38;
        v[e + 3] = -52.5;
        return v;
    }

    @Test
    void aOneSampleSwingAtAnEdgeIsATransientAndNoLongerASpike() {
        double[] c = new double[2000];
        double[] v = stepWithTransient(c);
        assertEquals(1, SpikeTimes.detect(v, DT).length, "the raw trace reads as one spike");
        List<int[]> spans = EdgeTransients.find(v, c, DT);
        assertEquals(1, spans.size());
        assertEquals(312, spans.get(0)[0]);
        double[] clean = EdgeTransients.bridged(v, spans);
        assertEquals(0, SpikeTimes.detect(clean, DT).length);
        assertEquals(v[311], clean[311], 0);
        assertEquals(v[spans.get(0)[1]], clean[spans.get(0)[1]], 0);
        assertTrue(clean[313] < -20 && clean[313] >= Math.min(v[311], v[spans.get(0)[1]]), "bridged " + clean[313]);
    }

    @Test
    void anActionPotentialNearAnEdgeIsNotTouched() {
        // a spike 3 ms after the onset of a depolarising step, and one already under way at the step's end
        double[] c = new double[3000];
        for (int i = 300; i < 2000; i++) {
            c[i] = 500;
        }
        SyntheticTrace tr = new SyntheticTrace(300, DT, -65).spike(33).spike(200.2);
        double[] v = tr.v;
        assertEquals(2, SpikeTimes.detect(v, DT).length);
        assertTrue(EdgeTransients.find(v, c, DT).isEmpty());
    }
}
