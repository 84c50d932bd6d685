package org.patchpinn.pinn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named trainable arrays with their Adam state. Arrays live in a long-lived manager; during a training
 * step they are temporarily attached to the step's sub-manager, so that every intermediate array (and the
 * gradients) are freed when the step ends (DJL's advice against native leaks). Updates happen only after
 * the gradient collector is closed.
 */
final class TrainableSet {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final Map<String, Double> rates = new LinkedHashMap<>();
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private int step;

    TrainableSet(NDManager manager) {
        this.manager = manager;
    }

    NDManager manager() {
        return manager;
    }

    /** Adds a trainable array (taking ownership) with its Adam learning rate. */
    NDArray add(String name, NDArray value, double learningRate) {
        value.attach(manager);
        value.setRequiresGradient(true);
        arrays.put(name, value);
        rates.put(name, learningRate);
        m.put(name, manager.zeros(value.getShape(), value.getDataType()));
        v.put(name, manager.zeros(value.getShape(), value.getDataType()));
        return value;
    }

    NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no trainable array " + name);
        }
        return a;
    }

    void setLearningRate(String name, double rate) {
        rates.put(name, rate);
    }

    /** Attaches every array to the step's manager until it closes (results of ops then land there). */
    void attachForStep(NDManager stepManager) {
        for (NDArray a : arrays.values()) {
            a.tempAttach(stepManager);
        }
    }

    /** One Adam step with every array's current gradient, scaled by {@code rateScale}; call outside the collector. */
    void adamStep(double rateScale) {
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        // every intermediate of the update lands in a throw-away manager: created in the long-lived one they
        // were kept until the fit ended (the PINN, with per-window networks, grew to 15 GB resident)
        try (NDManager tmp = manager.newSubManager()) {
            for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
                NDArray p = e.getValue();
                NDArray g = p.getGradient();
                g.attach(tmp);
                if (rates.get(e.getKey()) == 0) {
                    continue;
                }
                NDArray mm = m.get(e.getKey());
                NDArray vv = v.get(e.getKey());
                mm.tempAttach(tmp);
                vv.tempAttach(tmp);
                NDArray nanFree = g.isNaN().any().getBoolean() ? g.zerosLike() : g;
                mm.muli(BETA1).addi(nanFree.mul(1 - BETA1));
                vv.muli(BETA2).addi(nanFree.square().mul(1 - BETA2));
                NDArray update = mm.div(c1).div(vv.div(c2).sqrt().add(EPS)).mul(rates.get(e.getKey()) * rateScale);
                p.subi(update);
            }
        }
    }

    /** Forgets Adam's moment estimates (after restoring an earlier state, the old ones point the wrong way). */
    void resetMoments() {
        m.values().forEach(a -> a.muli(0));
        v.values().forEach(a -> a.muli(0));
    }

    /** The current values as plain doubles (flattened), for reports and snapshots. */
    Map<String, double[]> snapshot() {
        Map<String, double[]> s = new LinkedHashMap<>();
        arrays.forEach((k, a) -> s.put(k, toDoubles(a)));
        return s;
    }

    /** Sets a one-element array (a scalar parameter) to {@code value}. */
    void setScalar(String name, double value) {
        arrays.get(name).set(FloatBuffer.wrap(new float[] {(float) value}));
    }

    /** Restores values saved by {@link #snapshot()} (e.g. the best epoch chosen on held-out sweeps). */
    void restore(Map<String, double[]> s) {
        s.forEach((k, d) -> {
            NDArray a = arrays.get(k);
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            a.set(FloatBuffer.wrap(f));
        });
    }

    static double[] toDoubles(NDArray a) {
        float[] f = a.toType(DataType.FLOAT32, false).toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
