package org.patchpinn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of one HEKA file (a bundle, or a separate .pul/.pgf beside a DAT1 file) as a bounds-checked view in
 * the byte order its trees declare. Every field read goes through here, so a record beyond the end of a
 * truncated file becomes a {@link RecordingFormatException}, never a buffer underflow. Small files are read
 * onto the heap; larger ones are memory-mapped for the tree fields (a few pages touched), while their samples
 * are read in bulk with {@link #read}.
 */
final class HekaBytes implements AutoCloseable {
    /** Files up to this size are read into memory; larger ones are mapped. */
    private static final long HEAP_LIMIT = 8L << 20;
    /** Largest region one mapping covers (a ByteBuffer is int-indexed). */
    static final long MAX_WINDOW = 1L << 30;

    private final Path file;
    private final long size;
    private final FileChannel channel;
    private final ByteBuffer head;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    private HekaBytes(Path file, long size, FileChannel channel, ByteBuffer head) {
        this.file = file;
        this.size = size;
        this.channel = channel;
        this.head = head;
    }

    static HekaBytes open(Path file) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            try {
                long size = ch.size();
                ByteBuffer head;
                if (size <= HEAP_LIMIT) {
                    head = ByteBuffer.allocate((int) size);
                    while (head.hasRemaining() && ch.read(head) >= 0) {
                        // keep reading until full or EOF
                    }
                    head.flip();
                } else {
                    head = ch.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, MAX_WINDOW));
                }
                return new HekaBytes(file, size, ch, head);
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

    private ByteBuffer field(long offset, int length, String what) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw error(what + " (bytes " + offset + ".." + (offset + length) + ") lies beyond the end of the file ("
                    + size + " bytes): the file is truncated or its tree is corrupt");
        }
        if (offset + length <= head.limit()) {
            return head.slice((int) offset, length).order(order);
        }
        ByteBuffer b = ByteBuffer.allocate(length).order(order);
        try {
            while (b.hasRemaining()) {
                if (channel.read(b, offset + b.position()) < 0) {
                    throw error(what + " lies beyond the end of the file");
                }
            }
        } catch (IOException e) {
            throw new RecordingFormatException(file, "cannot read " + what + ": " + e.getMessage(), e);
        }
        return b.flip().order(order);
    }

    short i16(long offset, String what) { return field(offset, 2, what).getShort(0); }

    int i32(long offset, String what) { return field(offset, 4, what).getInt(0); }

    double f64(long offset, String what) { return field(offset, 8, what).getDouble(0); }

    int u8(long offset, String what) { return field(offset, 1, what).get(0) & 0xff; }

    int u16(long offset, String what) { return field(offset, 2, what).getShort(0) & 0xffff; }

    byte[] bytes(long offset, int length, String what) {
        byte[] b = new byte[length];
        field(offset, length, what).get(0, b);
        return b;
    }

    /** A NUL-terminated Latin-1 text field, trimmed. */
    String text(long offset, int length, String what) {
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
     * Fills {@code dst} (from its position to its limit) with the bytes at {@code offset}, for bulk sample reads:
     * copied from a small file's in-memory copy, else read from the file (a positional read into the caller's
     * buffer costs less than faulting in the pages of a mapping).
     */
    void read(long offset, ByteBuffer dst) {
        int length = dst.remaining();
        if (offset < 0 || offset > size - length) {
            throw error("data region (bytes " + offset + ".." + (offset + length) + ") lies beyond the end of the file ("
                    + size + " bytes): the file is truncated");
        }
        if (!head.isDirect() && offset + length <= head.limit()) {
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
            throw new RecordingFormatException(file, "cannot read the sample data: " + e.getMessage(), e);
        }
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
