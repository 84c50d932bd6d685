package org.patchpinn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.patchpinn.task.Progress;

/**
 * Turns the data section into one float[] per channel per sweep, in bulk: the section is read as one stream
 * of frames (one sample of every channel) in chunks of about {@link #CHUNK_BYTES} through a single reused
 * buffer, copied out as int16/float32 values in one call per chunk, then de-interleaved and scaled as pyABF
 * does in float32 ({@code value = raw × gain + offset}). No per-sample calls on buffers, no per-sample objects,
 * no mappings.
 */
final class AbfSampleDecoder {
    /** Bytes read from the file per step: large enough to amortise the call, small enough to stay in cache. */
    static final int CHUNK_BYTES = 1 << 20;
    /** Frames de-interleaved per pass over all channels (a few kB of input per tile). */
    private static final int TILE_FRAMES = 2048;

    private final FileBytes f;
    private final AbfLayout layout;
    private final float[] gains;
    private final float[] offsets;

    AbfSampleDecoder(FileBytes f, AbfHeader header) {
        this.f = f;
        this.layout = header.layout();
        this.gains = header.gains();
        this.offsets = header.offsets();
    }

    /** Samples of every sweep: {@code [sweep][channel][sample]}. */
    float[][][] decodeAll(Progress progress) {
        int sweeps = layout.sweepCount();
        int points = layout.sweepPoints();
        int channels = layout.channelCount();
        boolean floats = layout.floatData();
        float[][][] out = new float[sweeps][][];
        int frameBytes = channels * layout.bytesPerSample();
        long totalFrames = (long) sweeps * points;
        int framesPerChunk = Math.max(1, CHUNK_BYTES / frameBytes);
        ByteBuffer chunk = ByteBuffer.allocateDirect(framesPerChunk * frameBytes).order(ByteOrder.LITTLE_ENDIAN);
        short[] shortBlock = floats ? null : new short[framesPerChunk * channels];
        float[] floatBlock = floats ? new float[framesPerChunk * channels] : null;
        for (long frame = 0; frame < totalFrames; ) {
            progress.checkCancelled();
            int n = (int) Math.min(framesPerChunk, totalFrames - frame);
            chunk.clear().limit(n * frameBytes);
            f.read(layout.dataByteStart() + frame * frameBytes, chunk);
            chunk.flip();
            if (floats) {
                chunk.asFloatBuffer().get(floatBlock, 0, n * channels);
            } else {
                chunk.asShortBuffer().get(shortBlock, 0, n * channels);
            }
            // The chunk's frames go to the sweeps they belong to (a chunk may span several sweeps).
            for (int done = 0; done < n; ) {
                int sweep = (int) ((frame + done) / points);
                int at = (int) ((frame + done) % points);
                if (out[sweep] == null) {
                    out[sweep] = new float[channels][points];
                }
                int k = Math.min(points - at, n - done);
                if (floats) {
                    copyFloats(floatBlock, done, out[sweep], at, k);
                } else {
                    scaleShorts(shortBlock, done, out[sweep], at, k);
                }
                done += k;
                if (at + k == points) {
                    progress.fraction((sweep + 1.0) / sweeps);
                }
            }
            frame += n;
        }
        return out;
    }

    /** Frames {@code from..from+frames} of {@code block} into samples {@code at..} of each channel, scaled. */
    private void scaleShorts(short[] block, int from, float[][] out, int at, int frames) {
        int channels = out.length;
        if (channels == 1) {
            float[] o = out[0];
            float g = gains[0];
            float b = offsets[0];
            for (int i = 0; i < frames; i++) {
                o[at + i] = block[from + i] * g + b;
            }
            return;
        }
        // In tiles that stay in the first-level cache while each channel's strided pass runs over them.
        for (int tile = 0; tile < frames; tile += TILE_FRAMES) {
            int m = Math.min(TILE_FRAMES, frames - tile);
            for (int c = 0; c < channels; c++) {
                float[] o = out[c];
                float g = gains[c];
                float b = offsets[c];
                int base = at + tile;
                for (int i = 0, j = (from + tile) * channels + c; i < m; i++, j += channels) {
                    o[base + i] = block[j] * g + b;
                }
            }
        }
    }

    private static void copyFloats(float[] block, int from, float[][] out, int at, int frames) {
        int channels = out.length;
        if (channels == 1) {
            System.arraycopy(block, from, out[0], at, frames);
            return;
        }
        for (int tile = 0; tile < frames; tile += TILE_FRAMES) {
            int m = Math.min(TILE_FRAMES, frames - tile);
            for (int c = 0; c < channels; c++) {
                float[] o = out[c];
                int base = at + tile;
                for (int i = 0, j = (from + tile) * channels + c; i < m; i++, j += channels) {
                    o[base + i] = block[j];
                }
            }
        }
    }
}
