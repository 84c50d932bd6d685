package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;

/**
 * Damaged HEKA bundles and WinWCP files (truncated at many lengths; size and count fields pushed towards
 * their maxima, negatives and random values; random bytes in the trees and headers) give a
 * {@link RecordingFormatException} naming the file, or a fully consistent recording; never another exception.
 */
class HekaWcpFuzzTest {
    /** Variants per kind of damage (kept small: the suite runs on 2 shared cores). */
    private static final int VARIANTS = 40;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"data/heka/patchview_test_singleFP.dat", "data/heka/load-heka-python_1.dat"})
    void damagedBundlesFailCleanly(String relative) throws IOException {
        byte[] original = Files.readAllBytes(SharedData.path(relative));
        List<Integer> sizeFields = hekaSizeFields(SharedData.path(relative));
        List<int[]> treeRanges = treeRanges(original);
        Random random = new Random(relative.hashCode());
        Path file = tmp.resolve("damaged.dat");
        int failures = 0;
        int reads = 0;
        for (int len = 0; len < 300; len += 23) {
            failures += check(file, Arrays.copyOf(original, len), "truncated to " + len);
            reads++;
        }
        for (int i = 0; i < VARIANTS / 4; i++) {
            int len = random.nextInt(original.length);
            failures += check(file, Arrays.copyOf(original, len), "truncated to " + len);
            reads++;
        }
        // Size, count and offset fields towards their maxima (and negative, and random).
        for (int i = 0; i < VARIANTS; i++) {
            byte[] b = original.clone();
            StringBuilder what = new StringBuilder("size fields:");
            int edits = 1 + random.nextInt(3);
            for (int k = 0; k < edits; k++) {
                int at = sizeFields.get(random.nextInt(sizeFields.size()));
                int v = extreme(random);
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
                what.append(' ').append(at).append('=').append(v);
            }
            failures += check(file, b, what.toString());
            reads++;
        }
        // Random bytes and ints anywhere in the header and the two trees.
        for (int i = 0; i < VARIANTS; i++) {
            byte[] b = original.clone();
            StringBuilder what = new StringBuilder("tree edits:");
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                int[] range = treeRanges.get(random.nextInt(treeRanges.size()));
                int at = range[0] + random.nextInt(range[1] - range[0] - 8);
                if (random.nextBoolean()) {
                    b[at] = (byte) random.nextInt(256);
                } else {
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, extreme(random));
                }
                what.append(' ').append(at);
            }
            failures += check(file, b, what.toString());
            reads++;
        }
        failures += check(file, new byte[original.length], "zeroed");
        reads++;
        assertTrue(failures > reads / 4, "most damaged variants should be rejected: " + failures + "/" + reads);
    }

    @Test
    void damagedWcpFilesFailCleanly() throws IOException {
        byte[] original = Files.readAllBytes(SharedData.path("data/other/myokit/wcp-file.wcp"));
        String header = new String(original, 0, 1024, StandardCharsets.ISO_8859_1);
        Random random = new Random(17);
        Path file = tmp.resolve("damaged.wcp");
        int failures = 0;
        int reads = 0;
        for (int len = 0; len < original.length; len += 1 + random.nextInt(400)) {
            failures += check(file, Arrays.copyOf(original, len), "truncated to " + len);
            reads++;
        }
        // Every numeric header value replaced by extremes.
        Matcher m = Pattern.compile("(?m)^([A-Z]+\\d*)=([-0-9.,]+)\r?$").matcher(header);
        List<String> keys = new ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1));
        }
        String[] extremes = {"2147483647", "9223372036854775807", "-1", "0", "1e308", "NaN", "-2147483648",
                "99999999", "0,0000001", "1,5", "x"};
        for (String key : keys) {
            for (String v : extremes) {
                byte[] b = withHeaderValue(original, header, key, v);
                failures += check(file, b, key + "=" + v);
                reads++;
            }
        }
        // Random bytes in the header and the analysis blocks.
        for (int i = 0; i < VARIANTS; i++) {
            byte[] b = original.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                int at = random.nextBoolean() ? random.nextInt(1024) : 1024 + 2048 * random.nextInt(11)
                        + random.nextInt(64);
                b[at] = (byte) random.nextInt(256);
            }
            failures += check(file, b, "byte edits " + i);
            reads++;
        }
        assertTrue(failures > reads / 10, "damaged variants should be rejected: " + failures + "/" + reads);
    }

    private static byte[] withHeaderValue(byte[] original, String header, String key, String value) {
        String h = header.replaceFirst("(?m)^" + key + "=[^\r\n]*", key + "=" + value);
        byte[] hb = h.getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = original.clone();
        System.arraycopy(hb, 0, b, 0, Math.min(1024, hb.length));
        return b;
    }

    private static int extreme(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Integer.MAX_VALUE - random.nextInt(100);
            case 1 -> Integer.MIN_VALUE + random.nextInt(100);
            case 2 -> -1 - random.nextInt(100);
            case 3 -> random.nextInt(1 << 20);
            case 4 -> 0;
            default -> random.nextInt();
        };
    }

    /** Byte offsets of the bundle's size/offset fields and the trees' sizes, counts and trace sample fields. */
    private static List<Integer> hekaSizeFields(Path path) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            out.add(64 + 16 * i);
            out.add(64 + 16 * i + 4);
        }
        try (FileBytes f = FileBytes.open(path, "tree")) {
            for (String ext : List.of(".pul", ".pgf")) {
                long[] item = item(f, ext);
                int levels = f.i32(item[0] + 4, "levels");
                for (int l = 0; l < levels; l++) {
                    out.add((int) item[0] + 8 + 4 * l);
                }
                HekaTree.Node root = HekaTree.read(f, ext, item[0], item[0] + item[1], levels);
                collect(root, levels, ext.equals(".pul"), out);
            }
        }
        return out;
    }

    private static void collect(HekaTree.Node n, int levels, boolean pulsed, List<Integer> out) {
        out.add((int) (n.offset() + n.size())); // child count
        if (pulsed && n.level() == 4) {
            out.add((int) n.offset() + 40); // TrData
            out.add((int) n.offset() + 44); // TrDataPoints
            out.add((int) n.offset() + 68); // mode and format bytes
            out.add((int) n.offset() + 292); // interleave size
        }
        if (pulsed && n.level() == 3) {
            out.add((int) n.offset() + 40); // SwStimCount
        }
        if (!pulsed && n.level() == 3) {
            out.add((int) n.offset() + 4); // class, store, increment modes
            out.add((int) n.offset() + 16); // voltage source
        }
        for (HekaTree.Node c : n.children()) {
            collect(c, levels, pulsed, out);
        }
    }

    private static long[] item(FileBytes f, String ext) {
        for (int i = 0; i < 12; i++) {
            if (f.latin1Text(64 + 16L * i + 8, 8, "ext").equals(ext)) {
                return new long[] {f.i32(64 + 16L * i, "start"), f.i32(64 + 16L * i + 4, "length")};
            }
        }
        throw new AssertionError("no item " + ext);
    }

    private static List<int[]> treeRanges(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        List<int[]> out = new ArrayList<>();
        out.add(new int[] {0, 256});
        for (int i = 0; i < 12; i++) {
            int start = buf.getInt(64 + 16 * i);
            int length = buf.getInt(64 + 16 * i + 4);
            String ext = new String(b, 64 + 16 * i + 8, 4, StandardCharsets.US_ASCII);
            if (length > 16 && (ext.equals(".pul") || ext.equals(".pgf"))) {
                out.add(new int[] {start, start + length});
            }
        }
        return out;
    }

    /** Reads the variant (default series, and every listed one): 1 for a clean rejection, 0 when consistent. */
    private static int check(Path file, byte[] content, String what) throws IOException {
        Files.write(file, content);
        try {
            Recording r = Recordings.open(file);
            assertConsistent(r, what);
            List<SeriesEntry> series = Recordings.series(file);
            SeriesEntry last = series.isEmpty() ? null : series.get(series.size() - 1);
            if (last != null && series.size() > 1 && last.sweeps() > 0) {
                try {
                    assertConsistent(Recordings.open(file, last.id(), Progress.NONE), what + " series " + last.id());
                } catch (RecordingFormatException e) {
                    assertClean(e, file, what);
                }
            }
            return 0;
        } catch (RecordingFormatException e) {
            assertClean(e, file, what);
            return 1;
        } catch (RuntimeException | OutOfMemoryError e) {
            fail(what + ": " + e, e);
            return 0;
        }
    }

    private static void assertClean(RecordingFormatException e, Path file, String what) {
        assertTrue(e.getMessage().contains(file.toString()), what + ": message names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains("internal error"), what + ": " + e.getMessage());
    }

    private static void assertConsistent(Recording r, String what) {
        assertTrue(r.sampleRateHz() > 0 && Double.isFinite(r.sampleRateHz()), what);
        assertTrue(r.channelCount() > 0, what);
        for (Sweep s : r.sweeps()) {
            assertEquals(r.channelCount(), s.channels().size(), what);
            int n = s.length();
            assertEquals(r.sweepLength(), n, what + ": the sweeps of a recording share one length");
            for (int c = 0; c < r.channelCount(); c++) {
                assertEquals(n, s.channel(c).length(), what);
                s.channel(c).mean();
            }
            if (s.hasCommand()) {
                assertEquals(n, s.command().length(), what);
                for (float v : s.command().toFloatArray()) {
                    assertFalse(Float.isNaN(v), what + ": NaN in command");
                }
            }
        }
    }
}
