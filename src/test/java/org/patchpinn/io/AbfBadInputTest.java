package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.task.CancelledException;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;

/** Each kind of bad input gives a RecordingFormatException naming the file and the reason. */
class AbfBadInputTest {
    private static final String ABF2 = "data/abf/17o05027_ic_ramp.abf";
    private static final String ABF1 = "data/other/myokit/abf-v1.abf";

    @TempDir
    Path tmp;

    private void assertRejected(byte[] content, String reason) throws IOException {
        Path file = tmp.resolve("bad.abf");
        Files.write(file, content);
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(file, e.file());
        // The reader itself says the same when called directly.
        RecordingFormatException direct = assertThrows(RecordingFormatException.class,
                () -> new AbfReader().read(file, Progress.NONE));
        assertTrue(direct.getMessage().contains(file.toString()), direct.getMessage());
    }

    private static byte[] edited(String relative, Consumer<ByteBuffer> edit) throws IOException {
        byte[] b = Files.readAllBytes(SharedData.path(relative));
        edit.accept(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
        return b;
    }

    @Test
    void emptyFile() throws IOException {
        assertRejected(new byte[0], "empty");
    }

    @Test
    void wrongMagic() throws IOException {
        assertRejected(edited(ABF2, b -> b.put(0, (byte) 'X')), "not an ABF file");
        assertRejected("just some text, not a recording".getBytes(), "not an ABF file");
    }

    @Test
    void unknownVersion() throws IOException {
        assertRejected(edited(ABF2, b -> b.put(7, (byte) 3)), "unknown ABF2 version 3");
        assertRejected(edited(ABF1, b -> b.putFloat(4, 3.5f)), "unknown ABF1 version");
    }

    @Test
    void truncatedFiles() throws IOException {
        byte[] abf2 = Files.readAllBytes(SharedData.path(ABF2));
        assertRejected(Arrays.copyOf(abf2, 100), "beyond the end of the file");
        assertRejected(Arrays.copyOf(abf2, abf2.length / 2),
                "data section (block 13, 40000 × 2 bytes) lies beyond the end");
        byte[] abf1 = Files.readAllBytes(SharedData.path(ABF1));
        assertRejected(Arrays.copyOf(abf1, 3000), "shorter than an ABF");
        assertRejected(Arrays.copyOf(abf1, abf1.length - 1000), "truncated");
    }

    @Test
    void impossibleHeaderValues() throws IOException {
        int protocol = 512; // the protocol section is block 1 in this file
        assertRejected(edited(ABF2, b -> b.putFloat(protocol + 2, 0f)), "impossible sample interval");
        assertRejected(edited(ABF2, b -> b.putFloat(protocol + 2, Float.NaN)), "impossible sample interval");
        assertRejected(edited(ABF2, b -> b.putLong(92 + 8, 0)), "ADC section is empty");
        assertRejected(edited(ABF2, b -> b.putLong(92 + 8, -3)), "impossible ADC section entry count");
        assertRejected(edited(ABF2, b -> b.putInt(12, 7)), "not 7 sweeps");
        assertRejected(edited(ABF1, b -> b.putShort(120, (short) 0)), "impossible channel count 0");
        assertRejected(edited(ABF1, b -> b.putInt(16, -5)), "impossible header values");
        assertRejected(edited(ABF1, b -> b.putFloat(922, 0f)), "impossible scale factor");
    }

    @Test
    void sectionsBeyondTheEndOfTheFile() throws IOException {
        assertRejected(edited(ABF2, b -> b.putInt(220, 1_000_000)), "strings section");
        assertRejected(edited(ABF2, b -> b.putInt(236, 1_000_000)), "data section");
        assertRejected(edited(ABF1, b -> b.putInt(48, 3)), "tag section");
    }

    @Test
    void dataSizeNotMatchingTheFile() throws IOException {
        assertRejected(edited(ABF2, b -> b.putLong(236 + 8, b.getLong(236 + 8) + 10_000)), "truncated");
        assertRejected(edited(ABF2, b -> b.putLong(236 + 8, b.getLong(236 + 8) - 1)), "not 2 sweeps");
        assertRejected(edited(ABF1, b -> b.putInt(10, b.getInt(10) * 2)), "runs past the end");
    }

    @Test
    void cancellingStopsTheRead() {
        Progress cancelled = new Progress() {
            @Override public void status(String message) { }
            @Override public void fraction(double done) { }
            @Override public boolean isCancelled() { return true; }
        };
        assertThrows(CancelledException.class, () -> new AbfReader().read(SharedData.path(ABF2), cancelled));
    }

    @Test
    void harmlessFileTailIsIgnored() throws IOException {
        byte[] b = Files.readAllBytes(SharedData.path(ABF2));
        Path file = tmp.resolve("longer.abf");
        Files.write(file, Arrays.copyOf(b, b.length + 1000));
        Recording r = Recordings.open(file);
        assertEquals(2, r.sweepCount());
        assertEquals(20000, r.sweepLength());
    }
}
