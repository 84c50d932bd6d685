package org.patchpinn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes the samples of PatchMaster traces into float[] in working units ({@code raw × DataScaler}, then
 * V→mV or A→pA), in bulk: each trace's bytes (or each of its interleaved blocks) are read in chunks of at most
 * {@link #CHUNK_BYTES} into one reused buffer, copied out in one call per chunk in the trace's byte order, then
 * scaled in a plain loop. The byte order is each trace's own (TrDataKind), the file's where the record lacks it.
 * One decoder serves every trace of a recording; it holds the buffer and scratch arrays.
 */
final class HekaSampleDecoder {
    static final int CHUNK_BYTES = 1 << 20;

    private final FileBytes f;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES);
    private short[] shorts;
    private int[] ints;
    private float[] floats;
    private double[] doubles;

    HekaSampleDecoder(FileBytes f) {
        this.f = f;
    }

    /**
     * The byte after a trace's last sample, or -1 when its format, count or interleaving is impossible (as
     * {@link #decode} then says). A block size without a skip is contiguous data: TrInterleaveSkip was filler
     * before PatchMaster 2.60 (as sigTOOL's reader also takes it).
     */
    static long endOf(HekaPulsed.TraceRecord t) {
        int bps = t.bytesPerSample();
        if (bps == 0 || t.points() < 0 || t.dataOffset() < 0 || t.interleaveSize() < 0) {
            return -1;
        }
        long bytes = (long) t.points() * bps;
        boolean interleaved = t.interleaveSize() > 0 && t.interleaveSkip() != 0;
        if (!interleaved) {
            return t.dataOffset() + bytes;
        }
        long block = t.interleaveSize();
        long skip = t.interleaveSkip();
        if (block % bps != 0 || skip < block) {
            return -1;
        }
        long blocks = (bytes + block - 1) / block;
        if (blocks > 1 && blocks - 1 > (Long.MAX_VALUE / 2) / skip) {
            return Long.MAX_VALUE; // past any file
        }
        return blocks == 0 ? t.dataOffset() : t.dataOffset() + (blocks - 1) * skip + (bytes - (blocks - 1) * block);
    }

    /** One trace's samples, checked against the file before anything is allocated. */
    float[] decode(HekaPulsed.TraceRecord t, String where) {
        int bps = t.bytesPerSample();
        if (bps == 0) {
            throw f.error(where + ": unknown data format " + t.format());
        }
        if (t.points() < 0) {
            throw f.error(where + ": negative sample count " + t.points());
        }
        if (!Double.isFinite(t.scaler())) {
            throw f.error(where + ": data scaling factor " + t.scaler() + " is not a number");
        }
        boolean interleaved = t.interleaveSize() > 0 && t.interleaveSkip() != 0;
        long bytes = (long) t.points() * bps;
        long block = interleaved ? t.interleaveSize() : bytes;
        long skip = interleaved ? t.interleaveSkip() : bytes;
        long last = endOf(t);
        if (last < 0) {
            throw f.error(where + ": impossible interleaving (blocks of " + t.interleaveSize() + " bytes every "
                    + t.interleaveSkip() + ")");
        }
        if (t.dataOffset() < 0 || last > f.size() || t.dataOffset() > f.size()) {
            throw f.error(where + ": its " + t.points() + " samples at byte " + t.dataOffset()
                    + " run past the end of the file (" + f.size() + " bytes): the file is truncated");
        }
        float[] out = new float[t.points()];
        double scale = t.scaler() * HekaReader.unitScale(t.yUnit());
        int perBlock = (int) Math.min(Integer.MAX_VALUE, block / bps);
        int perChunk = CHUNK_BYTES / bps;
        long pos = t.dataOffset();
        ByteOrder order = t.dataOrder(f.order());
        if (interleaved && skip > block && block <= CHUNK_BYTES) {
            readInterleaved(t.format(), scale, bps, block, skip, pos, order, out);
            return out;
        }
        for (int at = 0; at < out.length; pos += skip) {
            int n = Math.min(out.length - at, perBlock);
            for (int done = 0; done < n; ) {
                int k = Math.min(perChunk, n - done);
                chunk.clear().limit(k * bps);
                f.read(pos + (long) done * bps, chunk);
                chunk.flip().order(order);
                convert(t.format(), scale, k, out, at + done);
                done += k;
            }
            at += n;
        }
        return out;
    }

    /**
     * Interleaved blocks smaller than a chunk: as many blocks as one chunk spans are read at once (with the
     * other traces' bytes between them), so small blocks do not cost one read each.
     */
    private void readInterleaved(int format, double scale, int bps, long block, long skip, long pos, ByteOrder order,
                                 float[] out) {
        int perBlock = (int) (block / bps);
        int blocksPerRead = (int) Math.min(Integer.MAX_VALUE, (CHUNK_BYTES - block) / skip + 1);
        for (int at = 0; at < out.length; ) {
            int blocksLeft = (int) ((out.length - at + (long) perBlock - 1) / perBlock);
            int k = Math.min(blocksPerRead, blocksLeft);
            int lastSamples = Math.min(perBlock, out.length - at - (k - 1) * perBlock);
            chunk.clear().limit((int) ((k - 1) * skip) + lastSamples * bps);
            f.read(pos, chunk);
            chunk.order(order);
            for (int i = 0; i < k; i++) {
                int n = Math.min(perBlock, out.length - at);
                int start = (int) (i * skip);
                chunk.clear().position(start).limit(start + n * bps);
                convert(format, scale, n, out, at);
                at += n;
            }
            pos += k * skip;
        }
    }

    /** The values of the chunk from its position, {@code n} of them, scaled into {@code out[at..]}. */
    private void convert(int format, double scale, int n, float[] out, int at) {
        switch (format) {
            case 0 -> {
                // float32 arithmetic, as pyABF-style readers keep data: within float rounding of the double product
                float g = (float) scale;
                short[] in = shorts == null ? (shorts = new short[CHUNK_BYTES / 2]) : shorts;
                chunk.asShortBuffer().get(in, 0, n);
                for (int i = 0; i < n; i++) {
                    out[at + i] = in[i] * g;
                }
            }
            case 1 -> {
                int[] in = ints == null ? (ints = new int[CHUNK_BYTES / 4]) : ints;
                chunk.asIntBuffer().get(in, 0, n);
                for (int i = 0; i < n; i++) {
                    out[at + i] = (float) (in[i] * scale);
                }
            }
            case 2 -> {
                float[] in = floats == null ? (floats = new float[CHUNK_BYTES / 4]) : floats;
                chunk.asFloatBuffer().get(in, 0, n);
                for (int i = 0; i < n; i++) {
                    out[at + i] = (float) (in[i] * scale);
                }
            }
            default -> {
                double[] in = doubles == null ? (doubles = new double[CHUNK_BYTES / 8]) : doubles;
                chunk.asDoubleBuffer().get(in, 0, n);
                for (int i = 0; i < n; i++) {
                    out[at + i] = (float) (in[i] * scale);
                }
            }
        }
    }
}
