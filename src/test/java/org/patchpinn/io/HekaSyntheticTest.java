package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.io.HekaBundleWriter.Channel;
import org.patchpinn.io.HekaBundleWriter.Segment;
import org.patchpinn.io.HekaBundleWriter.SeriesSpec;
import org.patchpinn.io.HekaBundleWriter.Stimulation;
import org.patchpinn.io.HekaBundleWriter.TraceSpec;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.ClampMode;
import org.patchpinn.trace.Recording;

/**
 * Synthetic PatchMaster bundles with known stimuli: ramps, decreasing increments, relative-to-holding,
 * not-stored segments, current clamp in nA, unsupported segments, byte orders, interleaving and DAT1 files.
 */
class HekaSyntheticTest {
    private static final double DT = 1e-4;
    private static final double HOLD_V = -0.07;

    @TempDir
    Path tmp;

    /** 10 ms at holding, 20 ms step (+20 mV relative, decreasing by 10 mV), 10 ms ramp back to holding,
     *  10 ms not stored, 10 ms at holding: 500 stored samples. */
    private static Stimulation vcSteps(String name) {
        return new Stimulation(name, DT, 3, List.of(
                new Channel(HekaStimulus.AMPL_VC, "V", 0, 0, List.of(Segment.constant(5, 0, 0.05))),
                new Channel(HekaStimulus.AMPL_VC, "V", HOLD_V, 3, List.of(
                        Segment.holding(0.01),
                        new Segment(HekaStimulus.CONSTANT, 1, 1, 0.02, 0, 0.01, 0.02),
                        new Segment(HekaStimulus.RAMP, 1, 0, 0, 0, 0, 0.01),
                        new Segment(HekaStimulus.CONSTANT, 0, 0, 0.05, 0, 0, 0.01),
                        Segment.holding(0.01)))));
    }

    private static short[] ramp(int n, int seed) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) ((i * 7 + seed * 13) % 2000 - 1000);
        }
        return s;
    }

    private static SeriesSpec vcSeries(String label, int stim, int sweeps) {
        List<List<TraceSpec>> sw = new ArrayList<>();
        for (int k = 0; k < sweeps; k++) {
            sw.add(List.of(new TraceSpec("Imon", "A", 3, 1e-12, DT, ramp(500, k), 0),
                    new TraceSpec("Vmon", "V", 3, 1e-4, DT, ramp(500, k + 100), 0)));
        }
        return new SeriesSpec(label, stim, sw);
    }

    @Test
    void voltageCommandWithRampDecreaseRelativeAndUnstoredSegments() throws IOException {
        Path file = tmp.resolve("vc.dat");
        new HekaBundleWriter().write(file, List.of(vcSeries("steps", 1, 3)), List.of(vcSteps("steps")));
        Recording r = Recordings.open(file);
        assertEquals(ClampMode.VOLTAGE_CLAMP, r.clampMode());
        assertEquals("mV", r.commandUnit());
        assertEquals(10_000, r.sampleRateHz(), 1e-6);
        assertEquals(List.of("pA", "mV"), List.of(r.channel(0).unit(), r.channel(1).unit()));
        for (int k = 0; k < 3; k++) {
            float[] c = r.sweep(k).command().toFloatArray();
            assertEquals(500, c.length);
            double step = (HOLD_V + 0.02 + 0.01 * (2 - k)) * 1e3; // decreasing: sweep 0 gets the last value
            assertEquals(-70, c[0], 1e-4);
            assertEquals(-70, c[99], 1e-4);
            assertEquals(step, c[100], 1e-4);
            assertEquals(step, c[299], 1e-4);
            assertEquals(step, c[300], 1e-4, "the ramp starts at the step level");
            assertEquals(step + (-70 - step) * 50 / 100.0, c[350], 1e-4);
            assertEquals(-70, c[400], 1e-4, "the unstored 10 ms is left out");
            assertEquals(-70, c[499], 1e-4);
            short[] raw = ramp(500, k);
            assertEquals(raw[123] * 1e-12 * 1e12, r.sweep(k).channel(0).get(123), 1e-4);
            assertEquals(ramp(500, k + 100)[7] * 1e-4 * 1e3, r.sweep(k).channel(1).get(7), 1e-4);
        }
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void currentClampCommandIsInNanoamperesCheckedAgainstTheHolding() throws IOException {
        Stimulation cc = new Stimulation("fp", DT, 2, List.of(new Channel(HekaStimulus.AMPL_CC, "A", -0.05, 3,
                List.of(Segment.holding(0.01), Segment.constant(-0.1, 0.05, 0.02), Segment.holding(0.02)))));
        List<List<TraceSpec>> sw = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            sw.add(List.of(new TraceSpec("Vmon", "V", 4, 1e-4, DT, ramp(500, k), -5e-11)));
        }
        Path file = tmp.resolve("cc.dat");
        new HekaBundleWriter().write(file, List.of(new SeriesSpec("fp", 1, sw)), List.of(cc));
        Recording r = Recordings.open(file);
        assertEquals(ClampMode.CURRENT_CLAMP, r.clampMode());
        assertEquals("pA", r.commandUnit());
        assertEquals(-50, r.sweep(0).command().get(0), 1e-4);
        assertEquals(-150, r.sweep(0).command().get(150), 1e-4);
        assertEquals(-100, r.sweep(1).command().get(150), 1e-4);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());

        // A holding current that matches neither nA nor A: no command, never a guess.
        List<List<TraceSpec>> odd = List.of(List.of(new TraceSpec("Vmon", "V", 4, 1e-4, DT, ramp(500, 0), -5e-14)));
        Path bad = tmp.resolve("cc-odd.dat");
        new HekaBundleWriter().write(bad, List.of(new SeriesSpec("fp", 1, odd)), List.of(cc));
        Recording o = Recordings.open(bad);
        assertFalse(o.hasCommand());
        assertTrue(o.warnings().stream().anyMatch(w -> w.contains("does not match")), o.warnings().toString());
    }

    @Test
    void unsupportedSegmentsGiveAWarningAndTheDefaultSkipsThem() throws IOException {
        Stimulation square = new Stimulation("square", DT, 3, List.of(new Channel(HekaStimulus.AMPL_VC, "V",
                HOLD_V, 1, List.of(Segment.holding(0.02), new Segment(4, 1, 0, 0.01, 0, 0, 0.02),
                        Segment.holding(0.01)))));
        Path file = tmp.resolve("two.dat");
        new HekaBundleWriter().squareWave(0.015, -0.005, 0.004, 1).write(file,
                List.of(vcSeries("sq", 1, 3), vcSeries("steps", 2, 3)), List.of(square, vcSteps("steps")));
        List<SeriesEntry> s = Recordings.series(file);
        assertFalse(s.get(0).isDefault());
        assertTrue(s.get(0).command().contains("square"), s.get(0).command());
        assertTrue(s.get(1).isDefault());
        Recording def = Recordings.open(file);
        assertEquals("1.2 steps", def.metadata().get("heka.series"));
        Recording sq = Recordings.open(file, "1.1", Progress.NONE);
        assertFalse(sq.hasCommand());
        // The warning names what the stimulus asks for (read from the channel record), never a guessed waveform.
        assertTrue(sq.warnings().stream().anyMatch(w -> w.startsWith("no command waveform for series 1.1")
                && w.contains("segment 2 is a square-wave segment (peak 0.0150000 V, negative -0.00500000 V, "
                + "cycle 0.00400000 s") && w.contains("kind 1")), sq.warnings().toString());
    }

    @Test
    void bigEndianAndInterleavedBundlesReadTheSameSamples() throws IOException {
        Path plain = tmp.resolve("plain.dat");
        Path big = tmp.resolve("big.dat");
        Path inter = tmp.resolve("inter.dat");
        List<SeriesSpec> series = List.of(vcSeries("steps", 1, 3));
        new HekaBundleWriter().write(plain, series, List.of(vcSteps("steps")));
        new HekaBundleWriter().bigEndian().write(big, series, List.of(vcSteps("steps")));
        new HekaBundleWriter().interleaved(64).write(inter, series, List.of(vcSteps("steps")));
        Recording a = Recordings.open(plain);
        for (Path p : List.of(big, inter)) {
            Recording b = Recordings.open(p);
            for (int k = 0; k < 3; k++) {
                for (int c = 0; c < 2; c++) {
                    assertArrayEquals(a.sweep(k).channel(c).toFloatArray(), b.sweep(k).channel(c).toFloatArray(),
                            p.getFileName() + " sweep " + k + " channel " + c);
                }
                assertArrayEquals(a.sweep(k).command().toFloatArray(), b.sweep(k).command().toFloatArray());
            }
        }
    }

    @Test
    void dat1ReadsItsTreesFromBesideIt() throws IOException {
        List<SeriesSpec> series = List.of(vcSeries("steps", 1, 3));
        Path withPgf = tmp.resolve("a/cell.dat");
        Files.createDirectories(withPgf.getParent());
        new HekaBundleWriter().writeDat1(withPgf, series, List.of(vcSteps("steps")), true);
        Recording r = Recordings.open(withPgf);
        assertEquals("DAT1", r.metadata().get("heka.signature"));
        assertTrue(r.hasCommand());
        assertEquals(3, r.sweepCount());

        Path noPgf = tmp.resolve("b/cell.dat");
        Files.createDirectories(noPgf.getParent());
        new HekaBundleWriter().writeDat1(noPgf, series, List.of(vcSteps("steps")), false);
        Recording n = Recordings.open(noPgf);
        assertFalse(n.hasCommand());
        assertTrue(n.warnings().stream().anyMatch(w -> w.contains(".pgf")), n.warnings().toString());
        assertArrayEquals(r.sweep(2).channel(1).toFloatArray(), n.sweep(2).channel(1).toFloatArray());

        Files.delete(noPgf.resolveSibling("cell.pul"));
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(noPgf));
        assertTrue(e.getMessage().contains(".pul"), e.getMessage());
        assertNull(null);
    }

    /** Sweeps may point at the same bytes, so the series' sample total is checked against the cap before reading. */
    @Test
    void aSeriesAboveTheSampleCapIsRefusedBeforeDecoding() throws IOException {
        Path file = tmp.resolve("cap.dat");
        new HekaBundleWriter().write(file, List.of(vcSeries("steps", 1, 3)), List.of(vcSteps("steps")));
        ReadLimits.setMaxSamples(2999);
        try {
            RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(file));
            assertTrue(e.getMessage().contains("series 1.1 samples declares 3000 samples"), e.getMessage());
        } finally {
            ReadLimits.setMaxSamples(-1);
        }
        assertEquals(3, Recordings.open(file).sweepCount());
    }
}
