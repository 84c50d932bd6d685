package org.patchpinn.pinn;

import ai.djl.ndarray.NDArray;

/**
 * What the PINN's window networks say at every collocation point: V (mV) and its exact time derivative
 * (mV/ms), both [windows, points]. The derivative is propagated forward through the layers, so no data are
 * differentiated.
 */
record NetStates(NDArray v, NDArray dv) {
    static final double V_CENTRE = -40;
    static final double V_SCALE = 50;

    /** Evaluates the networks held in {@code model.set} ("net.w0..2", "net.b0..2") on the time features. */
    static NetStates of(HybridModel model, NDArray feat, NDArray dfeat) {
        TrainableSet set = model.set;
        NDArray a0 = feat.matMul(set.get("net.w0")).add(set.get("net.b0"));
        NDArray h0 = a0.tanh();
        NDArray dh0 = Nd.add(h0.square().neg(), 1).mul(dfeat.matMul(set.get("net.w0")));
        NDArray h1 = h0.matMul(set.get("net.w1")).add(set.get("net.b1")).tanh();
        NDArray dh1 = Nd.add(h1.square().neg(), 1).mul(dh0.matMul(set.get("net.w1")));
        NDArray out = h1.matMul(set.get("net.w2")).add(set.get("net.b2"));
        NDArray dout = dh1.matMul(set.get("net.w2"));
        NDArray v = Nd.add(Nd.mul(out.get(":, :, 0"), V_SCALE), V_CENTRE);
        NDArray dv = Nd.mul(dout.get(":, :, 0"), V_SCALE);
        return new NetStates(v, dv);
    }
}
