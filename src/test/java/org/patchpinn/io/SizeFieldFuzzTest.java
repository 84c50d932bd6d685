package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;

/**
 * Size fields pushed towards their maxima (sweep, sample and channel counts, section sizes, HDF5
 * dimensions, compressed chunks, column counts) in every reader, run in a JVM of 256 MB heap (the surefire
 * execution {@code hostile-input}): each variant must end in a {@link RecordingFormatException} naming the
 * file, or in a consistent recording where the format ignores the field; never in OutOfMemoryError,
 * StackOverflowError or another exception. Counts and times are printed for the closing note.
 */
@Tag("hostile")
class SizeFieldFuzzTest {
    /** Values towards the maxima of 16-, 32- and 64-bit fields, and powers of two in between. */
    private static final long[] LARGE = largeValues();

    @TempDir
    Path tmp;

    private static final List<String> FIGURES = new ArrayList<>();

    @BeforeAll
    static void heapIsBounded() {
        long max = Runtime.getRuntime().maxMemory();
        assertTrue(max <= 300L << 20, "run in the hostile-input execution (-Xmx256m); this JVM has " + (max >> 20)
                + " MB");
    }

    @AfterAll
    static void report() {
        FIGURES.forEach(System.out::println);
    }

    /** The case of the issue: a real 1.9 MB recording whose sweep count equals its samples per channel. */
    @Test
    void abfSweepCountEqualToSamplesIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(SharedData.path("data/abf/17o05028_ic_steps.abf"));
        Recording intact = Recordings.open(SharedData.path("data/abf/17o05028_ic_steps.abf"));
        long perChannel = (long) intact.sweepCount() * intact.sweepLength();
        putU32(b, 12, perChannel); // lActualEpisodes
        Path f = tmp.resolve("sweeps.abf");
        Files.write(f, b);
        RecordingFormatException e = org.junit.jupiter.api.Assertions.assertThrows(RecordingFormatException.class,
                () -> Recordings.open(f));
        assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains("sweep count"), e.getMessage());
    }

    @Test
    void abf2SizeFields() throws IOException {
        // offset, width in bytes, name: the ABF2 fields that size an allocation
        Object[][] fields = {
                {12, 4, "lActualEpisodes"}, {236, 4, "data section block"}, {244, 8, "data section count"},
                {240, 4, "data entry size"}, {100, 8, "ADC section count"}, {96, 4, "ADC entry size"},
                {116, 8, "DAC section count"}, {164, 8, "epoch count"}, {228, 8, "strings count"},
                {224, 4, "strings entry size"}, {260, 8, "tag count"}, {256, 4, "tag entry size"},
                {84, 8, "protocol count"}};
        for (String name : List.of("data/abf/17o05028_ic_steps.abf", "data/abf/pclamp11_4ch.abf",
                "data/abf/18711001.abf")) {
            byte[] original = Files.readAllBytes(SharedData.path(name));
            Recording intact = Recordings.open(SharedData.path(name));
            int protocolStart = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getInt(76) * 512;
            List<Object[]> all = new ArrayList<>(Arrays.asList(fields));
            all.add(new Object[] {protocolStart + 22, 4, "lNumSamplesPerEpisode"});
            run("ABF2 " + name, original, "x.abf", all, intact);
        }
    }

    @Test
    void abf1SizeFields() throws IOException {
        Object[][] fields = {
                {10, 4, "lActualAcqLength"}, {16, 4, "lActualEpisodes"}, {40, 4, "lDataSectionPtr"},
                {44, 4, "lTagSectionPtr"}, {48, 4, "lNumTagEntries"}, {120, 2, "nADCNumChannels"},
                {138, 4, "lNumSamplesPerEpisode"}, {14, 2, "nNumPointsIgnored"}};
        for (String name : List.of("data/abf/pclamp11_4ch_abf1.abf", "data/abf/05210017_vc_abf1.abf",
                "data/abf/multichannelAbf1WithTags.abf")) {
            byte[] original = Files.readAllBytes(SharedData.path(name));
            run("ABF1 " + name, original, "x.abf", Arrays.asList(fields), Recordings.open(SharedData.path(name)));
        }
    }

    /** HDF5 dimensions (8-byte lengths) and chunk dimensions (4 bytes) found by their value, then random bytes. */
    @Test
    void nwbDimensionsAndCompressedChunks() throws IOException {
        for (String name : List.of("data/nwb/squid_steps.nwb", "data/other/nwb/99111002.nwb")) {
            byte[] original = Files.readAllBytes(SharedData.path(name));
            Recording intact = Recordings.open(SharedData.path(name));
            long n = intact.sweepLength();
            List<Object[]> fields = new ArrayList<>();
            // eight places the sample count is stored as an HDF5 length (data and stimulus dimensions, maximum
            // dimensions) and four as a 4-byte size (chunk dimensions), spread over the file: each case opens
            // the whole file, so every place would take minutes
            List<Integer> dims = occurrences(original, n, 8);
            for (int i = 0; i < 8 && i < dims.size(); i++) {
                int at = dims.get(i * dims.size() / Math.min(8, dims.size()));
                fields.add(new Object[] {at, 8, "dimension at byte " + at});
            }
            List<Integer> chunks = occurrences(original, n, 4);
            for (int i = 0; i < 4 && i < chunks.size(); i++) {
                int at = chunks.get(i * chunks.size() / Math.min(4, chunks.size()));
                fields.add(new Object[] {at, 4, "4-byte size at byte " + at});
            }
            assertTrue(dims.size() >= intact.sweepCount(), name + ": the dimensions were found");
            Stats s = run("NWB " + name, original, "x.nwb", fields, intact);
            // Random damage everywhere, compressed chunks included.
            Random random = new Random(7);
            long t0 = System.nanoTime();
            int cases = 0;
            for (int i = 0; i < 100; i++) {
                byte[] b = original.clone();
                int edits = 1 + random.nextInt(8);
                for (int k = 0; k < edits; k++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                check(s, tmp.resolve("x.nwb"), b, "random bytes " + i, intact);
                cases++;
            }
            FIGURES.add(String.format(Locale.ROOT, "NWB %s random bytes: %d cases in %.1f s", name, cases,
                    (System.nanoTime() - t0) / 1e9));
        }
    }

    /** ATF line 2 (header records, columns) towards its maxima, and title lines of many columns. */
    @Test
    void atfCountsAndColumns() throws IOException {
        byte[] good = Arrays.copyOf(Files.readAllBytes(SharedData.path("bench/public/glucose/cell1_G1.atf")), 4000);
        String text = new String(good, StandardCharsets.ISO_8859_1);
        text = text.substring(0, text.lastIndexOf('\n') + 1);
        String[] lines = text.split("\n", -1);
        String[] counts = lines[1].trim().split("\\s+");
        Stats s = new Stats();
        long t0 = System.nanoTime();
        for (long v : LARGE) {
            for (int which = 0; which < 2; which++) {
                String[] c = counts.clone();
                c[which] = Long.toString(v);
                lines[1] = String.join("\t", c);
                check(s, tmp.resolve("x.atf"), String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1),
                        "line 2 field " + which + " = " + v, null);
            }
        }
        // A title line of 200 000 columns under the largest declared count.
        lines[1] = counts[0] + "\t100000";
        String[] wide = lines.clone();
        int titles = 1 + Integer.parseInt(counts[0].trim()) + 1;
        wide[titles] = "\"Time (ms)\"" + "\t\"V (mV)\"".repeat(199_999);
        check(s, tmp.resolve("x.atf"), String.join("\n", wide).getBytes(StandardCharsets.ISO_8859_1),
                "200000 titles", null);
        FIGURES.add(s.figures("ATF counts and columns", t0));
        assertEquals(0, s.read, "every ATF size mutation is refused");
    }

    /** CSV with 200 000 columns, and a CSV larger than a lowered sample cap. */
    @Test
    void csvColumnsAndSampleCap() throws IOException {
        Stats s = new Stats();
        long t0 = System.nanoTime();
        StringBuilder wide = new StringBuilder("time (ms)");
        wide.append(",V (mV)".repeat(199_999)).append('\n');
        for (int r = 0; r < 3; r++) {
            wide.append(r).append(",1".repeat(199_999)).append('\n');
        }
        check(s, tmp.resolve("wide.csv"), wide.toString().getBytes(StandardCharsets.US_ASCII), "200000 columns",
                null);
        Path f = tmp.resolve("long.csv");
        try (OutputStream out = Files.newOutputStream(f)) {
            SweepCsvExporter.write(Recordings.open(SharedData.path("bench/public/squid_steps.atf")), 1, out);
        }
        byte[] longCsv = Files.readAllBytes(f);
        ReadLimits.setMaxSamples(1000);
        try {
            check(s, tmp.resolve("long.csv"), longCsv, "above a cap of 1000 samples", null);
        } finally {
            ReadLimits.setMaxSamples(-1);
        }
        FIGURES.add(s.figures("CSV columns and sample cap", t0));
        assertEquals(0, s.read, "every CSV size mutation is refused");
        Recordings.open(f); // and under the default cap the same file reads
    }

    // ---------------------------------------------------------------------------------------------

    private static final class Stats {
        int refused;
        int read;
        double slowestS;
        String slowest = "";

        String figures(String what, long t0) {
            return String.format(Locale.ROOT, "%s: %d cases (%d refused, %d read consistently) in %.1f s; "
                    + "slowest %.2f s (%s)", what, refused + read, refused, read, (System.nanoTime() - t0) / 1e9,
                    slowestS, slowest);
        }
    }

    private Stats run(String what, byte[] original, String fileName, List<Object[]> fields, Recording intact)
            throws IOException {
        Stats s = new Stats();
        long t0 = System.nanoTime();
        long samplesPerChannel = (long) intact.sweepCount() * intact.sweepLength();
        for (Object[] field : fields) {
            int at = (Integer) field[0];
            int width = (Integer) field[1];
            List<Long> values = new ArrayList<>();
            for (long v : LARGE) {
                values.add(v);
            }
            values.addAll(List.of(samplesPerChannel, samplesPerChannel / 2, samplesPerChannel * intact.channelCount(),
                    samplesPerChannel * 2, samplesPerChannel - 1));
            for (long v : values) {
                byte[] b = original.clone();
                put(b, at, width, v);
                check(s, tmp.resolve(fileName), b, field[2] + " = " + v, intact);
            }
        }
        FIGURES.add(s.figures(what + " size fields", t0));
        return s;
    }

    /** Reads {@code content}: a clean refusal, or a recording no larger than the intact one. */
    private static void check(Stats s, Path file, byte[] content, String what, Recording intact) throws IOException {
        Files.write(file, content);
        long t0 = System.nanoTime();
        try {
            Recording r = Recordings.open(file);
            AbfFuzzTest.assertConsistent(r, what);
            if (intact != null) {
                long samples = (long) r.sweepCount() * r.sweepLength() * r.channelCount();
                assertTrue(samples <= (long) intact.sweepCount() * intact.sweepLength() * intact.channelCount() * 2,
                        what + ": " + samples + " samples from a damaged file");
            }
            s.read++;
        } catch (RecordingFormatException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), what + ": " + e.getMessage());
            s.refused++;
        } catch (RuntimeException | Error e) {
            fail(what + ": " + e, e);
        } finally {
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (seconds > s.slowestS) {
                s.slowestS = seconds;
                s.slowest = what;
            }
        }
    }

    private static long[] largeValues() {
        List<Long> v = new ArrayList<>(List.of(0xffffL, 0x7fffL, 0xfffeL, 0x7fffffffL, 0x7ffffffeL, 0xffffffffL,
                0x80000000L, Long.MAX_VALUE, Long.MAX_VALUE - 1, -1L, 0x100000000L));
        for (int k = 16; k <= 62; k += 3) {
            v.add(1L << k);
        }
        return v.stream().mapToLong(Long::longValue).toArray();
    }

    private static void put(byte[] b, int at, int width, long v) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (width) {
            case 2 -> buf.putShort(at, (short) v);
            case 4 -> buf.putInt(at, (int) v);
            default -> buf.putLong(at, v);
        }
    }

    private static void putU32(byte[] b, int at, long v) {
        put(b, at, 4, v);
    }

    /** Byte offsets where {@code value} is stored little-endian in {@code width} bytes. */
    private static List<Integer> occurrences(byte[] b, long value, int width) {
        List<Integer> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + width <= b.length; i++) {
            long x = width == 8 ? buf.getLong(i) : Integer.toUnsignedLong(buf.getInt(i));
            if (x == value) {
                out.add(i);
            }
        }
        return out;
    }
}
