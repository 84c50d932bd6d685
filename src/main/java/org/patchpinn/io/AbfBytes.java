package org.patchpinn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of an ABF file as a little-endian, bounds-checked view. Every header read goes through here,
 * so a field that lies beyond the end of a truncated or corrupted file becomes a
 * {@link RecordingFormatException}, never a buffer underflow. The first {@link #HEAD_BYTES} bytes (all of a
 * small file) are read onto the heap once; the samples of a larger file are read in bulk with positional reads
 * ({@link #read}), not memory-mapped: copying from the page cache into one reused buffer is faster than
 * faulting in every mapped page, and leaves no mapping behind for the collector to release.
 */
final class AbfBytes implements AutoCloseable {
    /** Bytes read onto the heap at open: the whole of a small file, the header part of a large one. */
    private static final int HEAD_BYTES = 8 << 20;

    private final Path file;
    private final long size;
    private final FileChannel channel;
    private final ByteBuffer head;

    private AbfBytes(Path file, long size, FileChannel channel, ByteBuffer head) {
        this.file = file;
        this.size = size;
        this.channel = channel;
        this.head = head.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Opens the file; the caller closes it (the channel stays open for bulk reads of large files). */
    static AbfBytes open(Path file) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            try {
                long size = ch.size();
                ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEAD_BYTES));
                while (head.hasRemaining() && ch.read(head) >= 0) {
                    // keep reading until full or EOF
                }
                head.flip();
                return new AbfBytes(file, size, ch, head);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new RecordingFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    @Override public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // read-only channel: nothing was written, nothing to lose
        }
    }

    Path file() { return file; }

    long size() { return size; }

    RecordingFormatException error(String reason) {
        return new RecordingFormatException(file, reason);
    }

    /** A little-endian buffer whose first {@code length} bytes are those at {@code offset} of the file. */
    private ByteBuffer field(long offset, int length, String what) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw error(what + " (bytes " + offset + ".." + (offset + length) + ") lies beyond the end of the file ("
                    + size + " bytes): the file is truncated or its header is corrupt");
        }
        if (offset + length <= head.limit()) {
            return head.slice((int) offset, length).order(ByteOrder.LITTLE_ENDIAN);
        }
        // Beyond the mapped window of a very large file (e.g. tags after the data): read it directly.
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (b.hasRemaining()) {
                if (channel.read(b, offset + b.position()) < 0) {
                    throw error(what + " lies beyond the end of the file");
                }
            }
        } catch (IOException e) {
            throw new RecordingFormatException(file, "cannot read " + what + ": " + e.getMessage(), e);
        }
        return b.flip();
    }

    short i16(long offset, String what) { return field(offset, 2, what).getShort(0); }

    int i32(long offset, String what) { return field(offset, 4, what).getInt(0); }

    /** An unsigned 32-bit field, as a long. */
    long u32(long offset, String what) { return Integer.toUnsignedLong(i32(offset, what)); }

    long i64(long offset, String what) { return field(offset, 8, what).getLong(0); }

    float f32(long offset, String what) { return field(offset, 4, what).getFloat(0); }

    byte[] bytes(long offset, int length, String what) {
        byte[] b = new byte[length];
        field(offset, length, what).get(0, b);
        return b;
    }

    /**
     * A fixed-width text field as pyABF cleans it: bytes beyond ASCII dropped, then surrounding
     * whitespace removed. NUL padding is removed too (pyABF would keep it; a name with NULs helps no one).
     */
    String text(long offset, int length, String what) {
        return clean(bytes(offset, length, what));
    }

    static String clean(byte[] raw) {
        StringBuilder sb = new StringBuilder(raw.length);
        for (byte b : raw) {
            if (b > 0) { // drops NUL and every byte >= 0x80, as decode("ascii", errors="ignore") does
                sb.append((char) b);
            }
        }
        return sb.toString().strip();
    }

    /**
     * Fills {@code dst} (from its position to its limit) with the bytes at {@code offset} of the file, for bulk
     * sample reads: copied from the in-memory head where it holds them, else read from the file.
     */
    void read(long offset, ByteBuffer dst) {
        int length = dst.remaining();
        if (offset < 0 || offset > size - length) {
            throw error("data region (bytes " + offset + ".." + (offset + length)
                    + ") lies beyond the end of the file (" + size + " bytes): the file is truncated");
        }
        if (offset + length <= head.limit()) {
            dst.put(head.slice((int) offset, length));
            return;
        }
        try {
            for (long at = offset; dst.hasRemaining(); ) {
                int n = channel.read(dst, at);
                if (n < 0) {
                    throw error("data region (bytes " + offset + ".." + (offset + length)
                            + ") ends early: the file shrank while it was read");
                }
                at += n;
            }
        } catch (IOException e) {
            throw new RecordingFormatException(file, "cannot read the data section: " + e.getMessage(), e);
        }
    }

    /** ASCII text of raw bytes, for magic numbers. */
    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
