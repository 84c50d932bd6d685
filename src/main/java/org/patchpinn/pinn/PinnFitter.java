package org.patchpinn.pinn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.patchpinn.task.Progress;

/**
 * Method {@code pinn}: a collocation physics-informed network. Time is split into short windows (domain
 * decomposition, as in FBPINNs); each window has its own small tanh network of local time with Fourier
 * features (Wang, Wang, Perdikaris 2021) predicting V and every gate, all windows evaluated at once by
 * batched matrix products. Time derivatives are the networks' exact derivatives, propagated forward
 * through the layers (no differentiated data, SCIENCE.md). Losses: data (V), per-state normalised physics
 * residuals (gate residuals multiplied by τx, the voltage residual divided by Cm·10 mV/ms), continuity
 * between neighbouring windows, initial conditions (gates at steady state at the start of each sweep),
 * with causal weights inside windows (Wang, Sankaran, Perdikaris 2022) and loss weights balanced by the
 * inverse running magnitude of each term. The networks are first pre-trained on the data and the gates
 * driven by the measured voltage (a warm start), then trained jointly with the HH parameters.
 */
public final class PinnFitter {

    /** Settings of one PINN fit. */
    public record Options(BaseModel base, int latentCount, long seed, String device, int steps, int pretrainSteps,
                          double windowMs, int fourier, int hidden, double netRate, double paramRate, int evalEvery,
                          double causalEpsilon, double maxLossWeight, double[] init) {
        public static Options defaults(BaseModel base, int latentCount) {
            // measured on squid_steps.atf (conductance errors gNa/gK/gL of the kept checkpoint): 8 Fourier
            // frequencies, parameter rate 2e-3, loss weights up to 1e3: -28/-22/-31 %; 16 frequencies,
            // rate 5e-4, weights up to 10: -6.5/-9.1/-2.9 %
            return new Options(base, latentCount, 1, "auto", 450, 300, 5.0, 16, 32, 2e-3, 5e-4, 50, 0.1, 10,
                    base.defaults());
        }

        public Options withTuning(int fourierFeatures, double parameterRate, double maxWeight) {
            return new Options(base, latentCount, seed, device, steps, pretrainSteps, windowMs, fourierFeatures,
                    hidden, netRate, parameterRate, evalEvery, causalEpsilon, maxWeight, init);
        }

        public Options withWindow(double ms) {
            return new Options(base, latentCount, seed, device, steps, pretrainSteps, ms, fourier, hidden, netRate,
                    paramRate, evalEvery, causalEpsilon, maxLossWeight, init);
        }

        public Options withSteps(int s) {
            return new Options(base, latentCount, seed, device, s, pretrainSteps, windowMs, fourier, hidden, netRate,
                    paramRate, evalEvery, causalEpsilon, maxLossWeight, init);
        }

        public Options withSeed(long s) {
            return new Options(base, latentCount, s, device, steps, pretrainSteps, windowMs, fourier, hidden,
                    netRate, paramRate, evalEvery, causalEpsilon, maxLossWeight, init);
        }

        public Options withDevice(String d) {
            return new Options(base, latentCount, seed, d, steps, pretrainSteps, windowMs, fourier, hidden, netRate,
                    paramRate, evalEvery, causalEpsilon, maxLossWeight, init);
        }

        public Options withPretrain(int p) {
            return new Options(base, latentCount, seed, device, steps, p, windowMs, fourier, hidden, netRate,
                    paramRate, evalEvery, causalEpsilon, maxLossWeight, init);
        }

        public Options withCausal(double eps) {
            return new Options(base, latentCount, seed, device, steps, pretrainSteps, windowMs, fourier, hidden,
                    netRate, paramRate, evalEvery, eps, maxLossWeight, init);
        }

        public Options withInit(double[] i) {
            return new Options(base, latentCount, seed, device, steps, pretrainSteps, windowMs, fourier, hidden,
                    netRate, paramRate, evalEvery, causalEpsilon, maxLossWeight, i.clone());
        }
    }

    /** What a fit produced; {@code terms} holds the last value of each loss term. */
    public record Result(FittedModel model, List<double[]> lossCurve, Map<String, Double> terms, String device,
                         double wallSeconds) { }

    static final String[] TERMS = {"data", "residual_V", "residual_gates", "residual_latent", "continuity",
        "initial"};
    private static final double V_CENTRE = -40;
    private static final double V_SCALE = 50;

    public Result fit(CurrentClampData train, CurrentClampData validation, Options o, Progress progress) {
        long t0 = System.nanoTime();
        Device device = Devices.resolve(o.device());
        Engine.getInstance().setRandomSeed((int) o.seed());
        Random rng = new Random(o.seed());
        double dt = train.dtMs();
        int p = (int) Math.round(o.windowMs() / dt);
        int n = train.sweep(0).length();
        int perSweep = (n - 1) / p;
        int wn = perSweep * train.sweepCount();
        int pts = p + 1;
        int outs = 4 + o.latentCount();
        int feats = 2 * o.fourier() + 1;
        // constant inputs
        float[] f = new float[pts * feats];
        float[] df = new float[pts * feats];
        double tw = p * dt;
        for (int k = 0; k < pts; k++) {
            double tau = k / (double) p;
            f[k * feats] = (float) (2 * tau - 1);
            df[k * feats] = (float) (2 / tw);
            for (int q = 1; q <= o.fourier(); q++) {
                double w = Math.PI * q;
                f[k * feats + 2 * q - 1] = (float) Math.sin(w * tau);
                f[k * feats + 2 * q] = (float) Math.cos(w * tau);
                df[k * feats + 2 * q - 1] = (float) (w / tw * Math.cos(w * tau));
                df[k * feats + 2 * q] = (float) (-w / tw * Math.sin(w * tau));
            }
        }
        float[] v = new float[wn * pts];
        float[] cur = new float[wn * pts];
        float[] gates = new float[wn * pts * 3];
        float[] first = new float[wn];
        float[] sameSweepNext = new float[wn - 1];
        for (int s = 0; s < train.sweepCount(); s++) {
            CurrentClampData.SweepData sw = train.sweep(s);
            double[][] g = DrivenGates.along(o.base(), sw.vMv(), dt, 4);
            for (int w = 0; w < perSweep; w++) {
                int row = s * perSweep + w;
                first[row] = w == 0 ? 1 : 0;
                if (row + 1 < wn) {
                    sameSweepNext[row] = w + 1 < perSweep ? 1 : 0;
                }
                for (int k = 0; k < pts; k++) {
                    int i = w * p + k;
                    v[row * pts + k] = (float) sw.vMv()[i];
                    cur[row * pts + k] = (float) sw.iPa()[i];
                    for (int q = 0; q < 3; q++) {
                        gates[(row * pts + k) * 3 + q] = (float) g[q][i];
                    }
                }
            }
        }
        List<double[]> curve = new ArrayList<>();
        Map<String, Double> last = new LinkedHashMap<>();
        HybridFitter.Checkpoint best = null;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray feat = manager.create(f, new Shape(1, pts, feats));
            NDArray dfeat = manager.create(df, new Shape(1, pts, feats));
            NDArray vData = manager.create(v, new Shape(wn, pts));
            NDArray iData = manager.create(cur, new Shape(wn, pts));
            NDArray gData = manager.create(gates, new Shape(wn, pts, 3));
            NDArray firstMask = manager.create(first, new Shape(wn));
            NDArray nextMask = manager.create(sameSweepNext, new Shape(wn - 1, 1));
            NDArray[] constants = {feat, dfeat, vData, iData, gData, firstMask, nextMask};
            HybridModel model = new HybridModel(manager, o.base(), o.init(), o.latentCount(), rng, o.paramRate(),
                    o.paramRate() * 0.5, o.paramRate() * 5);
            TrainableSet set = model.set;
            int[] widths = {feats, o.hidden(), o.hidden(), outs};
            for (int l = 0; l < 3; l++) {
                float[] w = new float[wn * widths[l] * widths[l + 1]];
                double a = Math.sqrt(6.0 / (widths[l] + widths[l + 1]));
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) ((rng.nextDouble() * 2 - 1) * a);
                }
                set.add("net.w" + l, manager.create(w, new Shape(wn, widths[l], widths[l + 1])), o.netRate());
                set.add("net.b" + l, manager.zeros(new Shape(wn, 1, widths[l + 1])), o.netRate());
            }
            double[] weights = {1, 1, 1, 1, 1, 1};
            int total = o.pretrainSteps() + o.steps();
            List<String> paramNames = new ArrayList<>();
            for (String name : set.names()) {
                if (!name.startsWith("net.")) {
                    paramNames.add(name);
                }
            }
            Map<String, Double> paramRates = new LinkedHashMap<>();
            for (String name : paramNames) {
                paramRates.put(name, set.learningRate(name));
                set.setLearningRate(name, 0);
            }
            for (int step = 0; step < total; step++) {
                progress.checkCancelled();
                boolean pre = step < o.pretrainSteps();
                int physStep = step - o.pretrainSteps();
                if (physStep == o.steps() / 3) {
                    // physics warm-up is over: the networks now satisfy the equations with the starting
                    // parameters, and only then may the parameters move (released at once they ran away:
                    // gNa 12000 -> 4600 nS on squid_steps.atf while the residuals fell)
                    paramRates.forEach(set::setLearningRate);
                }
                if (!pre && (physStep % o.evalEvery() == 0)) {
                    FittedModel fm = model.fitted();
                    HybridFitter.Checkpoint cp = HybridFitter.evaluate(physStep, curve.isEmpty() ? Double.NaN
                            : curve.get(curve.size() - 1)[1], fm, validation);
                    if (best == null || cp.agreement() > best.agreement()) {
                        best = cp;
                    }
                    progress.log("pinn " + HybridFitter.describe(cp) + " | terms " + format(last));
                }
                double[] terms;
                NDManager sm = manager.newSubManager();
                try (sm) {
                    set.attachForStep(sm);
                    for (NDArray c : constants) {
                        c.tempAttach(sm);
                    }
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.zeroGradients();
                        NDArray[] t = losses(model, feat, dfeat, vData, iData, gData, firstMask, nextMask, pre,
                                o.causalEpsilon());
                        NDArray loss = null;
                        terms = new double[t.length];
                        for (int k = 0; k < t.length; k++) {
                            if (t[k] == null) {
                                continue;
                            }
                            terms[k] = t[k].getFloat();
                            NDArray wt = Nd.mul(t[k], weights[k]);
                            loss = loss == null ? wt : loss.add(wt);
                        }
                        gc.backward(loss);
                    }
                    set.adamStep(1.0);
                } finally {
                    Nd.release(sm);
                }
                if (!pre) {
                    // inverse-magnitude balancing of the loss terms (running), data term fixed at weight 1
                    for (int k = 1; k < terms.length; k++) {
                        if (terms[k] > 0) {
                            double target = Math.min(o.maxLossWeight(), Math.max(1e-2, terms[0] / terms[k]));
                            weights[k] = 0.99 * weights[k] + 0.01 * target;
                        }
                    }
                }
                double sum = 0;
                for (int k = 0; k < terms.length; k++) {
                    sum += weights[k] * terms[k];
                    last.put(TERMS[k], terms[k]);
                }
                curve.add(new double[] {step, sum, terms[0], terms[1], terms[2], terms[3], terms[4], terms[5]});
                progress.status(String.format("pinn, %d latent: %s step %d/%d, data %.3f mV², V residual %.4f",
                        o.latentCount(), pre ? "pre-training" : "training", step + 1, total, terms[0], terms[1]));
                progress.fraction((step + 1.0) / total);
            }
            FittedModel fm = model.fitted();
            HybridFitter.Checkpoint cp = HybridFitter.evaluate(o.steps(), curve.get(curve.size() - 1)[1], fm,
                    validation);
            progress.log("pinn " + HybridFitter.describe(cp) + " | terms " + format(last));
            if (best == null || cp.agreement() > best.agreement()) {
                best = cp;
            }
        }
        return new Result(best.model(), curve, last, device.toString(), (System.nanoTime() - t0) / 1e9);
    }

    /** Loss terms (see {@link #TERMS}); during pre-training only the data term and gate supervision. */
    private static NDArray[] losses(HybridModel model, NDArray feat, NDArray dfeat, NDArray vData, NDArray iData,
                                    NDArray gData, NDArray firstMask, NDArray nextMask, boolean pre, double eps) {
        TrainableSet set = model.set;
        NDArray a0 = feat.matMul(set.get("net.w0")).add(set.get("net.b0"));
        NDArray h0 = a0.tanh();
        NDArray dh0 = Nd.add(h0.square().neg(), 1).mul(dfeat.matMul(set.get("net.w0")));
        NDArray h1 = h0.matMul(set.get("net.w1")).add(set.get("net.b1")).tanh();
        NDArray dh1 = Nd.add(h1.square().neg(), 1).mul(dh0.matMul(set.get("net.w1")));
        NDArray out = h1.matMul(set.get("net.w2")).add(set.get("net.b2"));
        NDArray dout = dh1.matMul(set.get("net.w2"));
        NDArray vNet = Nd.add(Nd.mul(out.get(":, :, 0"), V_SCALE), V_CENTRE);
        NDArray dv = Nd.mul(dout.get(":, :, 0"), V_SCALE);
        NDArray[] x = new NDArray[3 + model.latents.size()];
        NDArray[] dx = new NDArray[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Nd.sigmoid(out.get(":, :, " + (i + 1)));
            dx[i] = x[i].mul(Nd.add(x[i].neg(), 1)).mul(dout.get(":, :, " + (i + 1)));
        }
        NDArray data = vNet.sub(vData).square().mean();
        NDArray[] t = new NDArray[TERMS.length];
        t[0] = data;
        if (pre) {
            NDArray g = x[0].sub(gData.get(":, :, 0")).square().mean()
                    .add(x[1].sub(gData.get(":, :, 1")).square().mean())
                    .add(x[2].sub(gData.get(":, :, 2")).square().mean());
            t[2] = Nd.mul(g, 100);
            return t;
        }
        NDArray[] p = model.baseParameters();
        BaseModel base = model.base;
        NDArray gateRes = null;
        for (int i = 0; i < 3; i++) {
            NDArray[] ab = base.rates(i, vNet);
            NDArray sum = ab[0].add(ab[1]);
            NDArray r = dx[i].sub(ab[0].sub(sum.mul(x[i]))).div(sum);
            gateRes = gateRes == null ? r.square() : gateRes.add(r.square());
        }
        NDArray gna = Nd.cube(x[0]).mul(x[1]).mul(p[1]);
        NDArray gk = x[2].square().square().mul(p[2]);
        NDArray iIon = gna.mul(Nd.sub(vNet, base.eNa())).add(gk.mul(Nd.sub(vNet, base.eK())))
                .add(p[3].mul(Nd.sub(vNet, base.eL())));
        NDArray latentRes = null;
        for (int j = 0; j < model.latents.size(); j++) {
            LatentCurrent lc = model.latents.get(j);
            NDArray z = x[3 + j];
            NDArray flatV = vNet.reshape(-1);
            NDArray zinf = lc.zInf(set, flatV).reshape(vNet.getShape());
            NDArray tau = lc.tauZ(set, flatV).reshape(vNet.getShape());
            NDArray r = tau.mul(dx[3 + j]).sub(zinf.sub(z));
            latentRes = latentRes == null ? r.square() : latentRes.add(r.square());
            iIon = iIon.add(z.mul(lc.g(set)).mul(vNet.sub(lc.e(set))));
        }
        NDArray vRes = Nd.div(p[0].mul(dv).sub(iData.sub(iIon)).div(p[0]), 10).square();
        // causal weights: a point counts once the residuals before it (in its window) are small
        NDArray all = vRes.add(gateRes);
        NDArray weight = Nd.mul(all.stopGradient().cumSum(1).sub(all.stopGradient()), -eps).exp();
        t[1] = vRes.mul(weight).mean();
        t[2] = gateRes.mul(weight).mean();
        t[3] = latentRes == null ? null : latentRes.mul(weight).mean();
        // continuity of every state between a window's end and the next window's start (same sweep)
        NDArray state = out;
        NDArray lastPt = state.get(":-1, -1, :");
        NDArray firstPt = state.get("1:, 0, :");
        t[4] = lastPt.sub(firstPt).square().mul(nextMask).mean();
        // initial conditions: gates at steady state at the first sample of each sweep
        NDArray v0 = vNet.get(":, 0");
        NDArray ic = null;
        for (int i = 0; i < 3; i++) {
            NDArray[] ab = base.rates(i, v0);
            NDArray inf = ab[0].div(ab[0].add(ab[1]));
            NDArray r = x[i].get(":, 0").sub(inf).square();
            ic = ic == null ? r : ic.add(r);
        }
        for (int j = 0; j < model.latents.size(); j++) {
            NDArray inf = model.latents.get(j).zInf(set, v0);
            ic = ic.add(x[3 + j].get(":, 0").sub(inf).square());
        }
        t[5] = ic.mul(firstMask).sum().div(firstMask.sum());
        return t;
    }

    private static String format(Map<String, Double> terms) {
        StringBuilder b = new StringBuilder();
        terms.forEach((k, v) -> b.append(String.format("%s %.4g ", k, v)));
        return b.toString().trim();
    }
}
