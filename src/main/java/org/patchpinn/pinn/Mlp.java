package org.patchpinn.pinn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Random;

/**
 * A small fully connected tanh network whose weights are trainable arrays of a {@link TrainableSet}.
 * Written on plain NDArray ops (engine-neutral). The last layer starts at zero, so a new network starts as
 * a constant function and the first gradients shape it smoothly.
 */
final class Mlp {
    private final String prefix;
    private final int[] widths;

    /** Registers weights {@code prefix.w0, prefix.b0, ...} in {@code set}; Glorot-uniform from {@code rng}. */
    Mlp(TrainableSet set, String prefix, int[] widths, double learningRate, Random rng) {
        this.prefix = prefix;
        this.widths = widths.clone();
        NDManager mgr = set.manager();
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            float[] w = new float[in * out];
            boolean last = l + 2 == widths.length;
            double a = Math.sqrt(6.0 / (in + out));
            for (int i = 0; i < w.length; i++) {
                w[i] = last ? 0f : (float) ((rng.nextDouble() * 2 - 1) * a);
            }
            set.add(prefix + ".w" + l, mgr.create(w, new Shape(in, out)), learningRate);
            set.add(prefix + ".b" + l, mgr.zeros(new Shape(out)), learningRate);
        }
    }

    /** Output [N, outWidth] for input [N, inWidth]. */
    NDArray forward(TrainableSet set, NDArray x) {
        NDArray h = x;
        for (int l = 0; l + 1 < widths.length; l++) {
            h = h.matMul(set.get(prefix + ".w" + l)).add(set.get(prefix + ".b" + l));
            if (l + 2 < widths.length) {
                h = h.tanh();
            }
        }
        return h;
    }

    /** Plain-Java evaluation for a single input (tabulation, forward simulation). */
    double[] evaluate(Map<String, double[]> values, double[] x) {
        double[] h = x;
        for (int l = 0; l + 1 < widths.length; l++) {
            double[] w = values.get(prefix + ".w" + l);
            double[] b = values.get(prefix + ".b" + l);
            int in = widths[l];
            int out = widths[l + 1];
            double[] next = new double[out];
            for (int j = 0; j < out; j++) {
                double s = b[j];
                for (int i = 0; i < in; i++) {
                    s += h[i] * w[i * out + j];
                }
                next[j] = l + 2 < widths.length ? Math.tanh(s) : s;
            }
            h = next;
        }
        return h;
    }
}
