package org.patchpinn.trace;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An immutable run of samples stored as float32 (as acquisition systems and pyABF keep them), so a
 * 100 MB recording costs 100 MB, not 200, and no per-sample objects exist. A trace can also be
 * {@linkplain #lazy rendered on first use} (e.g. an ABF command waveform rebuilt from its epoch table), so
 * reading a file does not allocate samples nobody looks at; its observable values are the same.
 */
public final class Trace {
    private final int length;
    /** The samples; null until a lazy trace is first used (then written once, under the lock). */
    private volatile float[] samples;
    /** Renders the samples of a lazy trace; null once rendered and for eager traces. */
    private Supplier<float[]> render;

    private Trace(float[] samples) {
        this.length = samples.length;
        this.samples = samples;
    }

    private Trace(int length, Supplier<float[]> render) {
        this.length = length;
        this.render = render;
    }

    /** Takes ownership of {@code samples}: the caller must not modify the array afterwards. */
    public static Trace wrap(float[] samples) {
        return new Trace(samples);
    }

    /**
     * A trace of {@code length} samples that {@code render} produces on first use (at most once; the trace
     * then owns the array). {@code render} must be deterministic and return exactly {@code length} samples.
     */
    public static Trace lazy(int length, Supplier<float[]> render) {
        if (length < 0) {
            throw new IllegalArgumentException("negative trace length " + length);
        }
        return new Trace(length, Objects.requireNonNull(render, "render"));
    }

    public static Trace of(double[] samples) {
        float[] f = new float[samples.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) samples[i];
        }
        return new Trace(f);
    }

    private float[] samples() {
        float[] s = samples;
        if (s != null) {
            return s;
        }
        synchronized (this) {
            if (samples == null) {
                float[] r = render.get();
                if (r == null || r.length != length) {
                    throw new IllegalStateException("lazy trace rendered " + (r == null ? "null" : r.length
                            + " samples") + ", expected " + length);
                }
                samples = r;
                render = null;
            }
            return samples;
        }
    }

    public int length() {
        return length;
    }

    public double get(int i) {
        return samples()[i];
    }

    /** A fresh double copy, the form numerical code works on. */
    public double[] toDoubleArray() {
        return toDoubleArray(1);
    }

    /** A fresh double copy with every sample multiplied by {@code scale} (a unit conversion, see {@link Units}). */
    public double[] toDoubleArray(double scale) {
        float[] f = samples();
        double[] d = new double[f.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f[i] * scale;
        }
        return d;
    }

    public float[] toFloatArray() {
        return samples().clone();
    }

    public double mean() {
        float[] f = samples();
        double s = 0;
        for (float v : f) {
            s += v;
        }
        return f.length == 0 ? Double.NaN : s / f.length;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Trace t && length == t.length && Arrays.equals(samples(), t.samples());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(samples());
    }
}
