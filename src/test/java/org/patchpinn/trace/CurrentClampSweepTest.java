package org.patchpinn.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.PatchPinnException;
import org.patchpinn.trace.CurrentClampSweep.Current;

class CurrentClampSweepTest {
    static Recording recording(List<String> units, String commandUnit, List<double[]> channels, double[] command) {
        Recording.Builder b = Recording.builder().source(Path.of("cell.abf")).format("simulated", "")
                .sampleRateHz(20000);
        units.forEach(u -> b.channel("ch", u));
        if (commandUnit != null) {
            b.commandUnit(commandUnit);
        }
        b.sweep(new Sweep(channels.stream().map(Trace::of).toList(), command == null ? null : Trace.of(command)));
        return b.build();
    }

    static double[] constant(int n, double v) {
        double[] x = new double[n];
        Arrays.fill(x, v);
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
    void convertsVoltsAndNanoamperes() {
        Recording r = recording(List.of("V"), "nA", List.of(constant(100, -0.065)), step(100, 0.2));
        CurrentClampSweep s = CurrentClampSweep.of(r, 0, Current.COMMAND);
        assertEquals(-65, s.vMv()[0], 1e-4); // samples are stored as floats
        assertEquals(200, s.stepAmplitude(), 1e-3);
        assertEquals(0.05, s.dtMs(), 1e-12);
        assertEquals(5, s.durationMs(), 1e-12);
    }

    @Test
    void recordedCurrentIsTheCurrentChannelWhenThereIsOneElseTheCommand() {
        Recording both = recording(List.of("mV", "nA"), "pA", List.of(constant(100, -65), step(100, 0.3)),
                step(100, 250));
        assertEquals(300, CurrentClampSweep.of(both, 0, Current.RECORDED).stepAmplitude(), 1e-3);
        assertEquals(250, CurrentClampSweep.of(both, 0, Current.COMMAND).stepAmplitude(), 1e-3);
        Recording commandOnly = recording(List.of("mV"), "pA", List.of(constant(100, -65)), step(100, 250));
        assertArrayEquals(step(100, 250), CurrentClampSweep.all(commandOnly, Current.RECORDED).get(0).iPa());
    }

    @Test
    void inputsThatAreNotCurrentClampAreRejectedNamingTheFileAndReason() {
        assertError(recording(List.of("pA"), "mV", List.of(constant(100, 10)), step(100, 10)), "voltage-clamp");
        assertError(recording(List.of("mV"), null, List.of(constant(100, -65)), null), "sweep 0 has no command");
        assertError(recording(List.of("mV"), "mV", List.of(constant(100, -65)), step(100, 10)), "'mV' is not a current");
        assertError(recording(List.of("nA", "nA"), "pA", List.of(constant(100, 0), constant(100, 0)), step(100, 10)),
                "no membrane-potential channel");
        Exception e = assertThrows(PatchPinnException.class, () -> CurrentClampSweep.of(
                recording(List.of("mV"), "pA", List.of(constant(100, -65)), step(100, 10)), 1, Current.COMMAND));
        assertTrue(e.getMessage().startsWith("cell.abf: no sweep 1"), e.getMessage());
    }

    private static void assertError(Recording r, String reason) {
        Exception e = assertThrows(PatchPinnException.class, () -> CurrentClampSweep.of(r, 0, Current.COMMAND));
        assertTrue(e.getMessage().startsWith("cell.abf: ") && e.getMessage().contains(reason), e.getMessage());
    }
}
