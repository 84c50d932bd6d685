package org.patchpinn.io;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import org.patchpinn.task.Progress;

/**
 * Turns the data section into one float[] per channel per sweep, in bulk: the region of each sweep is
 * mapped (or sliced from memory), copied out in blocks of int16/float32 values, de-interleaved and scaled
 * as pyABF does in float32 ({@code value = raw × gain + offset}). No per-sample objects.
 */
final class AbfSampleDecoder {
    /** Frames (one sample of every channel) copied out of the buffer per step. */
    private static final int BLOCK_FRAMES = 1 << 15;

    private final AbfBytes f;
    private final AbfLayout layout;
    private final float[] gains;
    private final float[] offsets;

    AbfSampleDecoder(AbfBytes f, AbfHeader header) {
        this.f = f;
        this.layout = header.layout();
        this.gains = header.gains();
        this.offsets = header.offsets();
    }

    /**
     * Samples of every sweep: {@code [sweep][channel][sample]}. The data section is walked as one stream of
     * frames (one sample of each channel) through a few large windows, so a file with thousands of short
     * sweeps costs a few mappings, not thousands.
     */
    float[][][] decodeAll(Progress progress) {
        int sweeps = layout.sweepCount();
        int points = layout.sweepPoints();
        float[][][] out = new float[sweeps][][];
        long frameBytes = (long) layout.channelCount() * layout.bytesPerSample();
        long totalFrames = (long) sweeps * points;
        long framesPerWindow = Math.max(1, AbfBytes.MAX_WINDOW / frameBytes);
        for (long frame = 0; frame < totalFrames; ) {
            int n = (int) Math.min(framesPerWindow, totalFrames - frame);
            ByteBuffer region = f.region(layout.dataByteStart() + frame * frameBytes, n * frameBytes);
            ShortBuffer shorts = layout.floatData() ? null : region.asShortBuffer();
            FloatBuffer floats = layout.floatData() ? region.asFloatBuffer() : null;
            for (int done = 0; done < n; ) {
                progress.checkCancelled();
                int sweep = (int) ((frame + done) / points);
                int at = (int) ((frame + done) % points);
                if (out[sweep] == null) {
                    out[sweep] = new float[layout.channelCount()][points];
                }
                int k = (int) Math.min(points - at, n - done);
                if (floats != null) {
                    copyFloats(floats, out[sweep], at, k);
                } else {
                    scaleShorts(shorts, out[sweep], at, k);
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

    private void scaleShorts(ShortBuffer in, float[][] out, int at, int frames) {
        int channels = out.length;
        if (channels == 1) {
            short[] block = new short[Math.min(BLOCK_FRAMES, frames)];
            float[] o = out[0];
            float g = gains[0];
            float b = offsets[0];
            for (int done = 0; done < frames; ) {
                int n = Math.min(block.length, frames - done);
                in.get(block, 0, n);
                for (int i = 0; i < n; i++) {
                    o[at + done + i] = block[i] * g + b;
                }
                done += n;
            }
            return;
        }
        short[] block = new short[Math.min(BLOCK_FRAMES, frames) * channels];
        for (int done = 0; done < frames; ) {
            int n = Math.min(BLOCK_FRAMES, frames - done);
            in.get(block, 0, n * channels);
            for (int c = 0; c < channels; c++) {
                float[] o = out[c];
                float g = gains[c];
                float b = offsets[c];
                int base = at + done;
                for (int i = 0, j = c; i < n; i++, j += channels) {
                    o[base + i] = block[j] * g + b;
                }
            }
            done += n;
        }
    }

    private static void copyFloats(FloatBuffer in, float[][] out, int at, int frames) {
        int channels = out.length;
        if (channels == 1) {
            in.get(out[0], at, frames);
            return;
        }
        float[] block = new float[Math.min(BLOCK_FRAMES, frames) * channels];
        for (int done = 0; done < frames; ) {
            int n = Math.min(BLOCK_FRAMES, frames - done);
            in.get(block, 0, n * channels);
            for (int c = 0; c < channels; c++) {
                float[] o = out[c];
                for (int i = 0, j = c; i < n; i++, j += channels) {
                    o[at + done + i] = block[j];
                }
            }
            done += n;
        }
    }
}
