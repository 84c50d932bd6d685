package org.patchpinn.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

class CurrentClampDataTest {
    static Recording recording(String signalUnit, String commandUnit, double[] signal, double[] command) {
        Recording.Builder b = Recording.builder().format("simulated", "").sampleRateHz(20000)
                .channel("ch", signalUnit);
        if (commandUnit != null) {
            b.commandUnit(commandUnit);
        }
        b.sweep(new Sweep(List.of(Trace.of(signal)), command == null ? null : Trace.of(command)));
        return b.build();
    }

    static double[] constant(int n, double v) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, v);
        return x;
    }

    static double[] step(int n, double amp) {
        double[] x = new double[n];
        for (int i = n / 4; i < 3 * n / 4; i++) {
            x[i] = amp;
        }
        return x;
    }

    @Test
    void convertsUnitsOfAValidCurrentClampSweep() {
        double[] v = constant(100, -0.065);
        CurrentClampData d = CurrentClampData.of(recording("V", "nA", v, step(100, 0.2)));
        assertEquals(-65, d.sweep(0).vMv()[0], 1e-4);
        assertEquals(200, d.sweep(0).stepAmplitude(), 1e-3);
        assertEquals(0.05, d.dtMs(), 1e-12);
    }

    @Test
    void voltageClampIsRejected() {
        Exception e = assertThrows(PinnInputException.class,
                () -> CurrentClampData.of(recording("pA", "mV", constant(100, 10), step(100, 10))));
        assertTrue(e.getMessage().contains("voltage-clamp"), e.getMessage());
    }

    @Test
    void missingStimulusIsRejected() {
        Exception e = assertThrows(PinnInputException.class,
                () -> CurrentClampData.of(recording("mV", null, constant(100, -65), null)));
        assertTrue(e.getMessage().contains("no stimulus"), e.getMessage());
    }

    @Test
    void constantStimulusIsRejected() {
        Exception e = assertThrows(PinnInputException.class,
                () -> CurrentClampData.of(recording("mV", "pA", constant(100, -65), constant(100, 0))));
        assertTrue(e.getMessage().contains("constant"), e.getMessage());
    }

    @Test
    void nanIsRejected() {
        double[] v = constant(100, -65);
        v[42] = Double.NaN;
        Exception e = assertThrows(PinnInputException.class,
                () -> CurrentClampData.of(recording("mV", "pA", v, step(100, 100))));
        assertTrue(e.getMessage().contains("sample 42"), e.getMessage());
    }

    @Test
    void absurdUnitsAreRejected() {
        // a voltage stored in mV but labelled µV... reads as -65000 mV after a wrong label the other way
        Exception e = assertThrows(PinnInputException.class,
                () -> CurrentClampData.of(recording("V", "pA", constant(100, -65), step(100, 100))));
        assertTrue(e.getMessage().contains("units"), e.getMessage());
        Exception e2 = assertThrows(PinnInputException.class,
                () -> CurrentClampData.of(recording("mV", "A", constant(100, -65), step(100, 1))));
        assertTrue(e2.getMessage().contains("units"), e2.getMessage());
    }
}
