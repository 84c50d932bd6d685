package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;

/**
 * Damaged ABF files (truncated at many lengths, header bytes and ints overwritten with a fixed seed, zeroed,
 * wrong magic) give a {@link RecordingFormatException} naming the file, or, for harmless damage, a fully
 * consistent recording; never another exception and never a recording shorter than the data.
 */
class AbfFuzzTest {
    private static final int VARIANTS = 250;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"data/abf/17o05027_ic_ramp.abf", "data/other/myokit/abf-v2.abf",
            "data/abf/pclamp11_4ch_abf1.abf", "data/other/myokit/abf-v1.abf"})
    void damagedFilesFailCleanly(String relative) throws IOException {
        byte[] original = Files.readAllBytes(SharedData.path(relative));
        Recording intact = new AbfReader().read(SharedData.path(relative), Progress.NONE);
        long samples = (long) intact.sweepCount() * intact.sweepLength() * intact.channelCount();
        int headerEnd = headerEnd(original);
        Random random = new Random(relative.hashCode());
        Path file = tmp.resolve("damaged.abf");
        int failures = 0;
        int reads = 0;

        // Truncations: every short length, then spread over the file.
        for (int len = 0; len < 16; len++) {
            failures += check(file, Arrays.copyOf(original, len), samples, "truncated to " + len);
            reads++;
        }
        for (int i = 0; i < VARIANTS / 2; i++) {
            int len = random.nextInt(original.length);
            failures += check(file, Arrays.copyOf(original, len), samples, "truncated to " + len);
            reads++;
        }
        // Header bytes and ints overwritten.
        for (int i = 0; i < VARIANTS; i++) {
            byte[] b = original.clone();
            int edits = 1 + random.nextInt(6);
            StringBuilder what = new StringBuilder("header edits:");
            for (int k = 0; k < edits; k++) {
                int at = random.nextInt(headerEnd - 4);
                if (random.nextBoolean()) {
                    b[at] = (byte) random.nextInt(256);
                } else {
                    int v = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt();
                        case 1 -> -1 - random.nextInt(100);
                        case 2 -> Integer.MAX_VALUE - random.nextInt(100);
                        default -> random.nextInt(1 << 16);
                    };
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at & ~3, v);
                }
                what.append(' ').append(at);
            }
            failures += check(file, b, -1, what.toString());
            reads++;
        }
        // Zeroed file, wrong magic, data cut by one sample.
        failures += check(file, new byte[original.length], samples, "zeroed");
        byte[] magic = original.clone();
        magic[0] = 'X';
        failures += check(file, magic, samples, "wrong magic");
        failures += check(file, Arrays.copyOf(original, headerEnd + 1), samples, "data cut");
        reads += 3;
        assertTrue(failures > reads / 4, "most damaged variants should be rejected: " + failures + "/" + reads);
    }

    /**
     * Reads the variant: returns 1 for a clean rejection, 0 for a consistent recording.
     *
     * @param fullSamples samples the intact file holds; a successful read of a truncated file must hold them all
     */
    private static int check(Path file, byte[] content, long fullSamples, String what) throws IOException {
        Files.write(file, content);
        Recording r;
        try {
            r = Recordings.open(file);
        } catch (RecordingFormatException e) {
            assertTrue(e.getMessage().contains(file.toString()), what + ": message names the file: " + e.getMessage());
            assertFalse(e.getMessage().contains("internal error"), what + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            fail(what + ": " + e, e);
            return 0;
        }
        assertConsistent(r, what);
        if (fullSamples >= 0) {
            assertEquals(fullSamples, (long) r.sweepCount() * r.sweepLength() * r.channelCount(), what + ": short");
        }
        return 0;
    }

    static void assertConsistent(Recording r, String what) {
        assertTrue(r.sampleRateHz() > 0 && Double.isFinite(r.sampleRateHz()), what);
        assertTrue(r.sweepCount() > 0 && r.channelCount() > 0 && r.sweepLength() > 0, what);
        for (Sweep s : r.sweeps()) {
            assertEquals(r.channelCount(), s.channels().size(), what);
            for (int c = 0; c < r.channelCount(); c++) {
                assertEquals(r.sweepLength(), s.channel(c).length(), what);
            }
            if (s.hasCommand()) {
                assertEquals(r.sweepLength(), s.command().length(), what);
                for (float v : s.command().toFloatArray()) {
                    assertFalse(Float.isNaN(v), what + ": NaN in command");
                }
            }
        }
    }

    /** Where the data section starts (everything before it is header). */
    private static int headerEnd(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int block = b[3] == '2' ? buf.getInt(236) : buf.getInt(40);
        return block * 512;
    }
}
