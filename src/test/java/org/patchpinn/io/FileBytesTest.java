package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared byte reader of the binary formats: fields read the same from the in-memory head, across its end,
 * from the window beyond it (and across the window's end), in either byte order; bulk reads equal the bytes; a
 * field past the end of the file is a format error naming the field.
 */
class FileBytesTest {
    /** Past the 8 MB head by more than two 64 kB windows. */
    private static final int SIZE = (8 << 20) + 200_000;

    @TempDir
    Path tmp;

    @Test
    void fieldsAndBulkReadsEqualTheFileEverywhere() throws IOException {
        byte[] data = new byte[SIZE];
        new Random(3).nextBytes(data);
        Path file = tmp.resolve("bytes.bin");
        Files.write(file, data);
        ByteBuffer le = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer be = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
        int head = 8 << 20;
        int window = 64 << 10;
        long[] offsets = {0, 12345, head - 8, head - 2, head, head + 1, head + window - 3, head + window + 17,
                100, head + 5, SIZE - 9, SIZE - 8};
        try (FileBytes f = FileBytes.open(file, "header")) {
            assertEquals(SIZE, f.size());
            for (long at : offsets) { // in this order: back into the head, then the window moves on and back
                int i = (int) at;
                assertEquals(le.getInt(i), f.i32(at, "i32"), "i32 at " + at);
                assertEquals(le.getLong(i), f.i64(at, "i64"), "i64 at " + at);
                assertEquals(le.getShort(i) & 0xffff, f.u16(at, "u16"), "u16 at " + at);
                assertEquals(Float.floatToRawIntBits(le.getFloat(i)), Float.floatToRawIntBits(f.f32(at, "f32")));
            }
            f.order(ByteOrder.BIG_ENDIAN);
            for (long at : offsets) {
                assertEquals(be.getInt((int) at), f.i32(at, "i32"), "big-endian i32 at " + at);
                assertEquals(Double.doubleToRawLongBits(be.getDouble((int) at)),
                        Double.doubleToRawLongBits(f.f64(at, "f64")), "big-endian f64 at " + at);
            }
            int big = 3 * window;
            assertArrayEquals(Arrays.copyOfRange(data, head - 1000, head - 1000 + big),
                    f.bytes(head - 1000, big, "larger than a window"));
            for (long at : new long[] {0, head - 4096, head + 10}) {
                ByteBuffer dst = ByteBuffer.allocateDirect(8192);
                f.read(at, dst);
                byte[] got = new byte[8192];
                dst.flip().get(got);
                assertArrayEquals(Arrays.copyOfRange(data, (int) at, (int) at + 8192), got, "bulk read at " + at);
            }
            RecordingFormatException e = assertThrows(RecordingFormatException.class,
                    () -> f.i32(SIZE - 2, "lTagSectionPtr"));
            assertTrue(e.getMessage().contains("lTagSectionPtr") && e.getMessage().contains("header is corrupt"),
                    e.getMessage());
            assertThrows(RecordingFormatException.class, () -> f.read(SIZE - 10, ByteBuffer.allocate(20)));
        }
    }

    @Test
    void textFieldsAreCleanedPerFormat() throws IOException {
        byte[] raw = {' ', 'm', 'V', (byte) 0xB5, 0, 'x', 1, ' '};
        Path file = tmp.resolve("text.bin");
        Files.write(file, raw);
        try (FileBytes f = FileBytes.open(file, "tree")) {
            assertEquals("mVx\u0001", f.asciiText(0, raw.length, "ABF text")); // non-ASCII and NUL dropped, stripped
            assertEquals("mV\u00b5", f.latin1Text(0, raw.length, "HEKA text")); // up to the NUL, Latin-1
            assertEquals("x?", f.latin1Text(5, 3, "HEKA text")); // control character shown, space stripped
        }
    }
}
