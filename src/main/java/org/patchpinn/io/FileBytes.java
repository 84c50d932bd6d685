package org.patchpinn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The bytes of one binary recording file (ABF, WinWCP, a HEKA bundle or its .pul/.pgf) as a bounds-checked,
 * positional view in a byte order. Every field read goes through here, so a field beyond the end of a truncated or
 * corrupted file becomes a {@link RecordingFormatException} naming the field, never a buffer underflow.
 * <p>
 * The first {@link #HEAD_BYTES} (all of a small file) are read onto the heap at open: headers and, in small
 * files, everything else. Fields beyond them (ABF tags after the data, the trees of a large HEKA bundle) come
 * through one reused {@link #WINDOW_BYTES} window, so walking a tree costs one read per window, not per field.
 * Samples are read in bulk with {@link #read}: positional reads into the caller's buffer, no memory maps (copying
 * from the page cache is faster than faulting in mapped pages, and leaves no mapping for the collector to release).
 */
final class FileBytes implements AutoCloseable {
    /** Bytes read onto the heap at open: the whole of a small file, the header part of a large one. */
    private static final int HEAD_BYTES = 8 << 20;
    /** Bytes read at once for fields beyond the head. */
    private static final int WINDOW_BYTES = 64 << 10;

    private final Path file;
    private final String structure;
    private final long size;
    private final FileChannel channel;
    private final ByteBuffer head;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private ByteBuffer window;
    private long windowStart;

    private FileBytes(Path file, String structure, long size, FileChannel channel, ByteBuffer head) {
        this.file = file;
        this.structure = structure;
        this.size = size;
        this.channel = channel;
        this.head = head;
    }

    /**
     * Opens the file, little-endian until {@link #order(ByteOrder)} says otherwise; the caller closes it (the
     * channel stays open for later reads). {@code structure} names what a bad offset means is corrupt ("header",
     * "tree") in error messages.
     */
    static FileBytes open(Path file, String structure) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            try {
                long size = ch.size();
                ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEAD_BYTES));
                while (head.hasRemaining() && ch.read(head) >= 0) {
                    // keep reading until full or EOF
                }
                head.flip();
                return new FileBytes(file, structure, size, ch, head);
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

    ByteOrder order() { return order; }

    /** Sets the byte order of later reads (HEKA trees say theirs with their magic, "Tree" or "eerT"). */
    void order(ByteOrder order) { this.order = order; }

    RecordingFormatException error(String reason) {
        return new RecordingFormatException(file, reason);
    }

    /** A buffer in the current byte order whose bytes 0..length are those at {@code offset} of the file. */
    private ByteBuffer field(long offset, int length, String what) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw error(what + " (bytes " + offset + ".." + (offset + length) + ") lies beyond the end of the file ("
                    + size + " bytes): the file is truncated or its " + structure + " is corrupt");
        }
        if (offset + length <= head.limit()) {
            return head.slice((int) offset, length).order(order);
        }
        if (length > WINDOW_BYTES) {
            return readFully(offset, ByteBuffer.allocate(length), what).order(order);
        }
        if (window == null || offset < windowStart || offset + length > windowStart + window.limit()) {
            ByteBuffer w = window == null ? ByteBuffer.allocate(WINDOW_BYTES) : window.clear();
            w.limit((int) Math.min(WINDOW_BYTES, size - offset));
            window = readFully(offset, w, what);
            windowStart = offset;
        }
        return window.slice((int) (offset - windowStart), length).order(order);
    }

    private ByteBuffer readFully(long offset, ByteBuffer b, String what) {
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

    int u8(long offset, String what) { return field(offset, 1, what).get(0) & 0xff; }

    short i16(long offset, String what) { return field(offset, 2, what).getShort(0); }

    int u16(long offset, String what) { return i16(offset, what) & 0xffff; }

    int i32(long offset, String what) { return field(offset, 4, what).getInt(0); }

    /** An unsigned 32-bit field, as a long. */
    long u32(long offset, String what) { return Integer.toUnsignedLong(i32(offset, what)); }

    long i64(long offset, String what) { return field(offset, 8, what).getLong(0); }

    float f32(long offset, String what) { return field(offset, 4, what).getFloat(0); }

    double f64(long offset, String what) { return field(offset, 8, what).getDouble(0); }

    byte[] bytes(long offset, int length, String what) {
        byte[] b = new byte[length];
        field(offset, length, what).get(0, b);
        return b;
    }

    /**
     * A fixed-width text field as pyABF cleans it: bytes beyond ASCII dropped, then surrounding whitespace
     * removed. NUL padding is removed too (pyABF would keep it; a name with NULs helps no one).
     */
    String asciiText(long offset, int length, String what) {
        byte[] raw = bytes(offset, length, what);
        StringBuilder sb = new StringBuilder(raw.length);
        for (byte b : raw) {
            if (b > 0) { // drops NUL and every byte >= 0x80, as decode("ascii", errors="ignore") does
                sb.append((char) b);
            }
        }
        return sb.toString().strip();
    }

    /** A NUL-terminated Latin-1 text field (HEKA), control characters shown as '?', trimmed. */
    String latin1Text(long offset, int length, String what) {
        byte[] raw = bytes(offset, length, what);
        int n = 0;
        while (n < raw.length && raw[n] != 0) {
            n++;
        }
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int c = raw[i] & 0xff;
            sb.append(c >= 32 && c != 127 ? (char) c : '?');
        }
        return sb.toString().strip();
    }

    /**
     * Fills {@code dst} (from its position to its limit) with the bytes at {@code offset} of the file, for bulk
     * sample reads: copied from the in-memory head where it holds them, else one positional read into the
     * caller's buffer. The caller sets {@code dst}'s byte order.
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
            throw new RecordingFormatException(file, "cannot read the samples: " + e.getMessage(), e);
        }
    }

    /** ASCII text of raw bytes, for magic numbers. */
    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** A magic number as an error message quotes it: characters outside printable ASCII as \xNN. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            sb.append(ch >= 32 && ch < 127 ? String.valueOf(ch) : String.format(Locale.ROOT, "\\x%02x", (int) ch));
        }
        return sb.toString();
    }
}
