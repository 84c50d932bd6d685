package org.patchpinn.pinn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Scalar arithmetic that is safe under autograd. DJL's {@code x.mul(Number)} creates a scalar tensor over
 * a direct buffer ({@code from_blob}) and closes it at once; when autograd saved that scalar for the
 * backward pass (mul, div, pow, maximum), the buffer can be reclaimed before {@code backward()} and the
 * gradients turn to NaN at random (measured here: after ~20 integration steps). These helpers use scalars
 * owned by the array's own manager (cached per manager), which live until that manager (the training
 * step) closes.
 */
final class Nd {
    private static final Map<NDManager, Map<String, NDArray>> CACHE = new WeakHashMap<>();

    private Nd() {
    }

    /** A scalar constant living in the manager of {@code like}, with its data type and device. */
    static synchronized NDArray c(NDArray like, double value) {
        NDManager mgr = like.getManager();
        // keyed by type too: an int64 index constant must not serve a float expression, nor the reverse
        Map<String, NDArray> m = CACHE.computeIfAbsent(mgr, k -> new HashMap<>());
        String key = like.getDataType() + ":" + value;
        NDArray a = m.get(key);
        if (a == null || a.isReleased()) {
            a = mgr.create((float) value).toType(like.getDataType(), false);
            m.put(key, a);
        }
        return a;
    }

    /** Forgets the constants of a manager that is closing (call at the end of each training step). */
    static synchronized void release(NDManager manager) {
        CACHE.remove(manager);
    }

    static NDArray mul(NDArray x, double k) {
        return x.mul(c(x, k));
    }

    static NDArray div(NDArray x, double k) {
        return x.div(c(x, k));
    }

    static NDArray add(NDArray x, double k) {
        return x.add(c(x, k));
    }

    static NDArray sub(NDArray x, double k) {
        return x.sub(c(x, k));
    }

    /** 1/x. */
    static NDArray recip(NDArray x) {
        return c(x, 1.0).broadcast(x.getShape()).div(x);
    }

    static NDArray sigmoid(NDArray x) {
        return recip(add(x.neg().exp(), 1));
    }

    /** log(1 + e^x), stable for large |x|. */
    static NDArray softplus(NDArray x) {
        return add(x.abs().neg().exp(), 1).log().add(x.maximum(c(x, 0)));
    }

    static NDArray cube(NDArray x) {
        return x.mul(x).mul(x);
    }
}
