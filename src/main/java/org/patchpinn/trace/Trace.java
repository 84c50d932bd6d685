package org.patchpinn.trace;

import java.util.Arrays;

/**
 * An immutable run of samples stored as float32 (as acquisition systems and pyABF keep them), so a
 * 100 MB recording costs 100 MB, not 200, and no per-sample objects exist.
 */
public final class Trace {
    private final float[] samples;

    private Trace(float[] samples) {
        this.samples = samples;
    }

    /** Takes ownership of {@code samples}: the caller must not modify the array afterwards. */
    public static Trace wrap(float[] samples) {
        return new Trace(samples);
    }

    public static Trace of(double[] samples) {
        float[] f = new float[samples.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) samples[i];
        }
        return new Trace(f);
    }

    public int length() {
        return samples.length;
    }

    public double get(int i) {
        return samples[i];
    }

    /** A fresh double copy, the form numerical code works on. */
    public double[] toDoubleArray() {
        double[] d = new double[samples.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = samples[i];
        }
        return d;
    }

    public float[] toFloatArray() {
        return samples.clone();
    }

    public double mean() {
        double s = 0;
        for (float v : samples) {
            s += v;
        }
        return samples.length == 0 ? Double.NaN : s / samples.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trace t && Arrays.equals(samples, t.samples);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(samples);
    }
}
