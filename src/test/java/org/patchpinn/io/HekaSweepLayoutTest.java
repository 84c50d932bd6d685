package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.io.HekaBundleWriter.Channel;
import org.patchpinn.io.HekaBundleWriter.Segment;
import org.patchpinn.io.HekaBundleWriter.SeriesSpec;
import org.patchpinn.io.HekaBundleWriter.Stimulation;
import org.patchpinn.io.HekaBundleWriter.TraceSpec;
import org.patchpinn.trace.Recording;

/**
 * PatchMaster series whose sweeps differ from the first (a sweep stopped early, sweeps that grow, other traces)
 * and files whose samples end early: the sweeps with the first sweep's layout are read and the others named in
 * a warning, never cut or padded; a truncated file is refused naming the sweeps it cuts.
 */
class HekaSweepLayoutTest {
    private static final double DT = 1e-4;
    private static final int N = 500;

    @TempDir
    Path tmp;

    /** 10 ms at holding, a 20 ms step from -50 mV rising by 10 mV a sweep, 20 ms at holding: 500 samples. */
    private static Stimulation steps(int sweeps) {
        return new Stimulation("steps", DT, sweeps, List.of(new Channel(HekaStimulus.AMPL_VC, "V", -0.07, 3,
                List.of(Segment.holding(0.01), Segment.constant(-0.05, 0.01, 0.02), Segment.holding(0.02)))));
    }

    private static short[] samples(int n, int seed) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) ((i * 37 + seed * 101) % 30000 - 15000);
        }
        return s;
    }

    private static TraceSpec trace(String label, int n, int seed) {
        return label.equals("Imon") ? new TraceSpec("Imon", "A", 3, 1e-12, DT, samples(n, seed), 0)
                : new TraceSpec(label, "V", 3, 1e-4, DT, samples(n, seed + 50), 0);
    }

    private static List<TraceSpec> sweep(int k, int n) {
        return List.of(trace("Imon", n, k), trace("Vmon", n, k));
    }

    private Path write(String name, List<List<TraceSpec>> sweeps, int protocolSweeps) throws IOException {
        Path file = tmp.resolve(name);
        new HekaBundleWriter().write(file, List.of(new SeriesSpec("steps", 1, sweeps)),
                List.of(steps(protocolSweeps)));
        return file;
    }

    private static List<List<TraceSpec>> plain(int sweeps) {
        List<List<TraceSpec>> out = new ArrayList<>();
        for (int k = 0; k < sweeps; k++) {
            out.add(sweep(k, N));
        }
        return out;
    }

    private static String layoutWarning(Recording r) {
        return r.warnings().stream().filter(w -> w.contains("left out, their traces differ")).findFirst()
                .orElseThrow(() -> new AssertionError("no layout warning: " + r.warnings()));
    }

    private static void assertSameSweep(Recording expected, int k, Recording actual, int j) {
        for (int c = 0; c < expected.channelCount(); c++) {
            assertArrayEquals(expected.sweep(k).channel(c).toFloatArray(), actual.sweep(j).channel(c).toFloatArray(),
                    "sweep " + k + " channel " + c);
        }
        assertArrayEquals(expected.sweep(k).command().toFloatArray(), actual.sweep(j).command().toFloatArray(),
                "command of sweep " + k);
    }

    @Test
    void aSweepStoppedEarlyIsLeftOutByNameAndTheOthersKeepSamplesAndCommands() throws IOException {
        Recording full = Recordings.open(write("full.dat", plain(4), 4));
        assertTrue(full.hasCommand(), full.warnings().toString());
        List<List<TraceSpec>> sweeps = plain(4);
        sweeps.set(3, sweep(3, 180));
        Path file = write("stopped.dat", sweeps, 4);
        Recording r = Recordings.open(file);
        assertEquals(3, r.sweepCount());
        assertEquals(N, r.sweepLength());
        assertTrue(r.hasCommand(), r.warnings().toString());
        for (int k = 0; k < 3; k++) {
            assertSameSweep(full, k, r, k);
        }
        String w = layoutWarning(r);
        assertTrue(w.startsWith("stopped.dat series 1.1: 1 of 4 sweeps left out") && w.contains("sweep 4 ('Imon' "
                + "has 180 samples)") && w.contains("500 samples of 'Imon', 'Vmon'"), w);
        assertEquals(3, r.metadata().get("sweepStartTimesS").split(",").length);
        SeriesEntry listed = Recordings.series(file).get(0);
        assertEquals("rebuilt", listed.command());
        assertEquals(4, listed.sweeps());
    }

    @Test
    void sweepsThatGrowLeaveOnlyTheFirstAndTheWarningNumbersTheRest() throws IOException {
        List<List<TraceSpec>> sweeps = new ArrayList<>();
        for (int k = 0; k < 9; k++) {
            sweeps.add(sweep(k, N + 50 * k));
        }
        Path file = write("growing.dat", sweeps, 9);
        Recording r = Recordings.open(file);
        assertEquals(1, r.sweepCount());
        assertArrayEquals(Recordings.open(write("one.dat", plain(1), 9)).sweep(0).channel(1).toFloatArray(),
                r.sweep(0).channel(1).toFloatArray());
        String w = layoutWarning(r);
        assertTrue(w.contains("8 of 9 sweeps left out") && w.contains("sweep 2 ('Imon' has 550 samples), 3 ('Imon' "
                + "has 600 samples)") && w.contains("3 more: sweeps 7-9") && w.contains("none is cut or padded"), w);
    }

    @Test
    void aSweepWithFewerOrOtherTracesIsLeftOutAndExtraTracesAreNotRead() throws IOException {
        Recording full = Recordings.open(write("full.dat", plain(4), 4));
        List<List<TraceSpec>> sweeps = plain(4);
        sweeps.set(1, List.of(trace("Imon", N, 1)));
        sweeps.set(2, List.of(trace("Vmon", N, 2), trace("Imon", N, 2)));
        sweeps.set(3, List.of(trace("Imon", N, 3), trace("Vmon", N, 3), trace("Temp", N, 3)));
        Recording r = Recordings.open(write("traces.dat", sweeps, 4));
        assertEquals(2, r.sweepCount());
        assertEquals(2, r.channelCount());
        assertSameSweep(full, 0, r, 0);
        assertSameSweep(full, 3, r, 1);
        String w = layoutWarning(r);
        assertTrue(w.contains("2 of 4 sweeps left out") && w.contains("sweep 2 (1 trace(s), the first sweep 2)")
                && w.contains("3 (trace 1 is 'Vmon', in the first sweep 'Imon')"), w);
        assertTrue(r.warnings().stream().anyMatch(x -> x.contains("sweep(s) 4 hold more traces")), r.warnings()
                .toString());
    }

    @Test
    void aTraceShorterThanTheFirstInTheFirstSweepIsLeftOutAsAChannel() throws IOException {
        List<List<TraceSpec>> sweeps = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            sweeps.add(List.of(trace("Imon", N, k), trace("Vmon", 250, k)));
        }
        Recording r = Recordings.open(write("short-trace.dat", sweeps, 3));
        assertEquals(3, r.sweepCount());
        assertEquals(1, r.channelCount());
        assertEquals("Imon", r.channel(0).name());
        assertTrue(r.hasCommand(), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("trace 'Vmon' holds 250 samples in the first "
                + "sweep")), r.warnings().toString());
        assertFalse(r.warnings().stream().anyMatch(w -> w.contains("their traces differ")), r.warnings().toString());
    }

    @Test
    void aTruncatedDat1FileIsRefusedNamingTheSweepsItCuts() throws IOException {
        Path dir = tmp.resolve("set");
        Files.createDirectories(dir);
        Path dat = dir.resolve("cell.dat");
        new HekaBundleWriter().writeDat1(dat, List.of(new SeriesSpec("steps", 1, plain(4))), List.of(steps(4)), true);
        byte[] whole = Files.readAllBytes(dat);
        int sweepBytes = 2 * 2 * N;
        // the file ends inside the last sweep's second trace, then inside the third sweep
        Files.write(dat, Arrays.copyOf(whole, whole.length - N));
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(dat));
        assertTrue(e.getMessage().startsWith(dat.toString()) && e.getMessage().contains("series 1.1: the samples "
                + "of sweep(s) 4 run past the end of the file") && e.getMessage().contains("truncated"),
                e.getMessage());
        Files.write(dat, Arrays.copyOf(whole, whole.length - sweepBytes - 10));
        e = assertThrows(RecordingFormatException.class, () -> Recordings.open(dat));
        assertTrue(e.getMessage().contains("sweep(s) 3-4 run past"), e.getMessage());
        // the series can still be listed: only reading its samples needs them
        assertEquals(4, Recordings.series(dat).get(0).sweeps());
    }

    @Test
    void samplesOutsideTheBundlesDataItemAreRefusedAsADamagedTree() throws IOException {
        Path file = write("short-item.dat", plain(3), 3);
        byte[] b = Files.readAllBytes(file);
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(3 * 2 * 2 * N, h.getInt(64 + 4)); // the .dat item's length
        h.putInt(64 + 4, 2 * 2 * 2 * N);
        Files.write(file, b);
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("sweep(s) 3 lie outside "
                + "the data of the file (bytes 256..4256)") && e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void traceStartsAreReportedAndTimeTheSweepsFirstSamples() throws IOException {
        Recording plain = Recordings.open(write("plain.dat", plain(3), 3));
        assertFalse(plain.metadata().containsKey("heka.traceStartS"));
        assertEquals("0.000000,1.500000,3.000000", plain.metadata().get("sweepStartTimesS"));
        // the first sample 2 ms after the sweep's start, 1 ms later each sweep; Vmon 50 µs after Imon
        Path file = tmp.resolve("starts.dat");
        new HekaBundleWriter().xUnit("ms").traceStart(0.002, 0.001, 0, 5e-5)
                .write(file, List.of(new SeriesSpec("steps", 1, plain(3))), List.of(steps(3)));
        Recording r = Recordings.open(file);
        assertEquals("0.000000,1.501000,3.002000", r.metadata().get("sweepStartTimesS"));
        assertEquals("'Imon' 0.00200000000, 'Vmon' 0.00205000000", r.metadata().get("heka.traceStartS"));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("do not start together")), r.warnings()
                .toString());
        for (int k = 0; k < 3; k++) {
            assertSameSweep(plain, k, r, k);
        }
        Path together = tmp.resolve("together.dat");
        new HekaBundleWriter().traceStart(0.002, 0).write(together, List.of(new SeriesSpec("steps", 1, plain(3))),
                List.of(steps(3)));
        Recording t = Recordings.open(together);
        assertEquals("0.000000,1.500000,3.000000", t.metadata().get("sweepStartTimesS"));
        assertFalse(t.warnings().stream().anyMatch(w -> w.contains("do not start together")), t.warnings()
                .toString());
    }
}
