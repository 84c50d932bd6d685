package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
import org.patchpinn.trace.Recording;

/**
 * PatchMaster files as other versions and machines write them, each against the same series written plainly
 * (v2x90 record sizes, little-endian int16): sample formats, per-trace byte order, record sizes of older and
 * newer versions, time units, zero offsets, filler in the interleave fields, and sweeps without samples.
 */
class HekaVariantsTest {
    private static final double DT = 1e-4;

    @TempDir
    Path tmp;

    private static Stimulation steps() {
        return new Stimulation("steps", DT, 3, List.of(new Channel(HekaStimulus.AMPL_VC, "V", -0.07, 3, List.of(
                Segment.holding(0.01), Segment.constant(-0.05, 0.01, 0.02), Segment.holding(0.02)))));
    }

    private static short[] samples(int n, int seed) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) ((i * 37 + seed * 101) % 30000 - 15000);
        }
        return s;
    }

    private static List<TraceSpec> sweep(int k, int n) {
        return List.of(new TraceSpec("Imon", "A", 3, 1e-12, DT, samples(n, k), 0),
                new TraceSpec("Vmon", "V", 3, 1e-4, DT, samples(n, k + 50), 0));
    }

    private static List<SeriesSpec> series() {
        List<List<TraceSpec>> sweeps = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            sweeps.add(sweep(k, 500));
        }
        return List.of(new SeriesSpec("steps", 1, sweeps));
    }

    private Recording write(String name, HekaBundleWriter w) throws IOException {
        Path file = tmp.resolve(name);
        w.write(file, series(), List.of(steps()));
        return Recordings.open(file);
    }

    private static void assertSameSamples(Recording expected, Recording actual, double relative, String what) {
        assertEquals(expected.sweepCount(), actual.sweepCount(), what);
        assertEquals(expected.sampleRateHz(), actual.sampleRateHz(), 1e-9 * expected.sampleRateHz(), what);
        for (int k = 0; k < expected.sweepCount(); k++) {
            for (int c = 0; c < expected.channelCount(); c++) {
                float[] e = expected.sweep(k).channel(c).toFloatArray();
                float[] a = actual.sweep(k).channel(c).toFloatArray();
                assertEquals(e.length, a.length, what);
                for (int i = 0; i < e.length; i++) {
                    assertEquals(e[i], a[i], relative * Math.abs(e[i]) + 1e-9, what + " sweep " + k + " ch " + c);
                }
            }
        }
    }

    @Test
    void int32AndFloatSamplesReadTheSameValues() throws IOException {
        Recording plain = write("plain.dat", new HekaBundleWriter());
        for (int format = 1; format <= 3; format++) {
            assertSameSamples(plain, write("f" + format + ".dat", new HekaBundleWriter().dataFormat(format)), 1e-6,
                    "format " + format);
            assertSameSamples(plain, write("f" + format + "be.dat", new HekaBundleWriter().dataFormat(format)
                    .bigEndian().interleaved(64)), 1e-6, "big-endian interleaved format " + format);
        }
    }

    @Test
    void eachTraceIsReadInTheByteOrderItsDataKindGives() throws IOException {
        Recording plain = write("plain.dat", new HekaBundleWriter());
        Recording mixed = write("le-trees-be-data.dat", new HekaBundleWriter().sampleOrder(ByteOrder.BIG_ENDIAN));
        assertSameSamples(plain, mixed, 0, "little-endian trees, big-endian samples");
        assertTrue(mixed.warnings().stream().anyMatch(w -> w.contains("byte order")), mixed.warnings().toString());
        Recording other = write("be-trees-le-data.dat", new HekaBundleWriter().bigEndian()
                .sampleOrder(ByteOrder.LITTLE_ENDIAN));
        assertSameSamples(plain, other, 0, "big-endian trees, little-endian samples");
        assertFalse(plain.warnings().stream().anyMatch(w -> w.contains("byte order")), plain.warnings().toString());
    }

    @Test
    void recordSizesOfOlderAndNewerVersionsAreReadByOffset() throws IOException {
        Recording plain = write("plain.dat", new HekaBundleWriter());
        // PatchMaster 2.x before v2x73 (sweep 160, trace 296 bytes: no interleave fields, no holding) and larger
        // records of a later version.
        Recording old = write("old.dat", new HekaBundleWriter().pulsedRecordSizes(544, 128, 1120, 160, 296));
        assertSameSamples(plain, old, 0, "old record sizes");
        Recording newer = write("newer.dat", new HekaBundleWriter().pulsedRecordSizes(640, 160, 2048, 512, 1024)
                .interleaved(128));
        assertSameSamples(plain, newer, 0, "newer record sizes");
        assertTrue(newer.hasCommand());
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(plain.sweep(k).command().toFloatArray(), newer.sweep(k).command().toFloatArray());
        }
    }

    @Test
    void intervalsInMillisecondsAndMicrosecondsAreSecondsAndOtherAbscissasAreRefused() throws IOException {
        Recording plain = write("plain.dat", new HekaBundleWriter());
        assertEquals(1e4, plain.sampleRateHz(), 1e-6);
        assertSameSamples(plain, write("ms.dat", new HekaBundleWriter().xUnit("ms")), 0, "ms");
        Recording us = write("us.dat", new HekaBundleWriter().xUnit("\u00b5s"));
        assertSameSamples(plain, us, 0, "µs");
        assertTrue(us.hasCommand(), us.warnings().toString());
        Path hz = tmp.resolve("hz.dat");
        new HekaBundleWriter().xUnit("Hz").write(hz, series(), List.of(steps()));
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(hz));
        assertTrue(e.getMessage().startsWith(hz.toString()) && e.getMessage().contains("'Hz'")
                && e.getMessage().contains("not in time"), e.getMessage());
    }

    @Test
    void aZeroOffsetIsReportedNotApplied() throws IOException {
        Recording plain = write("plain.dat", new HekaBundleWriter());
        Recording zeroed = write("zero.dat", new HekaBundleWriter().zeroData(0.005));
        assertSameSamples(plain, zeroed, 0, "zero offset");
        assertTrue(zeroed.warnings().stream().anyMatch(w -> w.contains("TrZeroData")
                && w.contains("'Vmon' 5.00000 mV")), zeroed.warnings().toString());
        assertFalse(plain.warnings().stream().anyMatch(w -> w.contains("TrZeroData")));
    }

    @Test
    void aBlockSizeWithoutSkipIsContiguousData() throws IOException {
        Recording plain = write("plain.dat", new HekaBundleWriter());
        assertSameSamples(plain, write("filler.dat", new HekaBundleWriter().fillerInterleave(64)), 0, "filler");
    }

    @Test
    void sweepsWithoutSamplesAreLeftOutAndTheOthersKeepTheirCommands() throws IOException {
        Path full = tmp.resolve("full.dat");
        List<List<TraceSpec>> four = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            four.add(sweep(k, 500));
        }
        new HekaBundleWriter().write(full, List.of(new SeriesSpec("steps", 1, four)), List.of(steps()));
        Recording expected = Recordings.open(full);

        // Sweep 2 has no traces, sweep 4 traces of no samples (the series stopped as it began).
        List<List<TraceSpec>> gaps = new ArrayList<>(List.of(four.get(0), List.of(), four.get(2), sweep(3, 0)));
        Path file = tmp.resolve("gaps.dat");
        new HekaBundleWriter().write(file, List.of(new SeriesSpec("steps", 1, gaps)), List.of(steps()));
        Recording r = Recordings.open(file);
        assertEquals(2, r.sweepCount());
        assertArrayEquals(expected.sweep(2).channel(1).toFloatArray(), r.sweep(1).channel(1).toFloatArray());
        assertTrue(r.hasCommand(), r.warnings().toString());
        // the third stored sweep plays the third step of the protocol, not the second
        assertArrayEquals(expected.sweep(2).command().toFloatArray(), r.sweep(1).command().toFloatArray());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("sweep(s) 2, 4")), r.warnings().toString());
    }

    @Test
    void anUnbundledSetOpensByItsTreeFilesToo() throws IOException {
        Path dir = tmp.resolve("set");
        Files.createDirectories(dir);
        Path dat = dir.resolve("cell.dat");
        new HekaBundleWriter().writeDat1(dat, series(), List.of(steps()), true);
        Recording byDat = Recordings.open(dat);
        Path pul = dir.resolve("cell.pul");
        Recording byPul = Recordings.open(pul);
        assertSameSamples(byDat, byPul, 0, ".pul");
        assertEquals(dat, byPul.source());
        assertEquals(Recordings.series(dat).size(), Recordings.series(dir.resolve("cell.pgf")).size());
        Files.delete(dat);
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(pul));
        assertTrue(e.getMessage().startsWith(pul.toString()) && e.getMessage().contains("no .dat"), e.getMessage());
    }

    @Test
    void anUnreadableStimulusTreeLeavesTheSamplesWithoutCommands() throws IOException {
        Recording plain = write("plain.dat", new HekaBundleWriter());
        Path file = tmp.resolve("pgf3.dat");
        new HekaBundleWriter().write(file, series(), List.of(steps()));
        byte[] b = Files.readAllBytes(file);
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int pgf = h.getInt(64 + 2 * 16);
        assertEquals("eerT", new String(b, pgf, 4, StandardCharsets.US_ASCII));
        h.putInt(pgf + 4, 3); // a stimulus tree of 3 levels, which no PatchMaster version writes
        Files.write(file, b);
        Recording r = Recordings.open(file);
        assertSameSamples(plain, r, 0, "unreadable .pgf");
        assertFalse(r.hasCommand());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("stimulus tree") && w.contains("3 levels")),
                r.warnings().toString());
    }
}
