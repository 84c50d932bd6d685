package org.patchpinn.pinn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An HH base model with known kinetics, learnable Cm and conductances (log-parameterised, so positive) and
 * zero or more latent gated currents, written on NDArrays so that a loss on simulated voltages can be
 * differentiated with respect to every parameter and network weight.
 */
final class HybridModel {
    static final String[] LOG_NAMES = {"logCm", "logGNa", "logGK", "logGL"};

    final BaseModel base;
    final TrainableSet set;
    final List<LatentCurrent> latents = new ArrayList<>();

    HybridModel(NDManager manager, BaseModel base, double[] init, int latentCount, Random rng,
                double baseRate, double netRate, double latentScalarRate) {
        this.base = base;
        this.set = new TrainableSet(manager);
        for (int i = 0; i < LOG_NAMES.length; i++) {
            // Cm stays at its given value (measured from the capacitive transient in practice): learning it
            // together with the conductances let it drift +17 % on rs_adapting.atf to absorb other errors
            set.add(LOG_NAMES[i], manager.create(new float[] {(float) Math.log(init[i])}), i == 0 ? 0 : baseRate);
        }
        double gInit = Math.max(1.0, 2 * init[3]);
        for (int j = 0; j < latentCount; j++) {
            latents.add(new LatentCurrent(set, "z" + (j + 1), gInit, base.eL(), netRate, latentScalarRate, rng));
        }
    }

    /** Cm, gNa, gK, gL as [1]-arrays. */
    NDArray[] baseParameters() {
        NDArray[] p = new NDArray[LOG_NAMES.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = set.get(LOG_NAMES[i]).exp();
        }
        return p;
    }

    /**
     * Latent gate z driven by the measured voltage over whole sweeps, vData [S, N] → z [S, N], starting at
     * z∞ of the first sample. The linear recursion z ← a·z + (1−a)·z∞, a = exp(−dt/τz), is solved in closed
     * form with cumulative sums inside chunks (so exponentials stay bounded) and chained across chunks.
     */
    NDArray drivenLatent(LatentCurrent lc, NDArray vData, double dtMs, int chunk) {
        long s = vData.getShape().get(0);
        long n = vData.getShape().get(1);
        long chunks = n / chunk;
        NDArray v = vData.get(":, :" + chunks * chunk);
        NDArray zinf = lc.zInf(set, v.reshape(-1)).reshape(s, chunks, chunk);
        NDArray loga = Nd.mul(Nd.recip(lc.tauZ(set, v.reshape(-1))), -dtMs).reshape(s, chunks, chunk);
        NDArray lIncl = loga.cumSum(2);
        NDArray lExcl = lIncl.sub(loga);
        NDArray t = lIncl.neg().exp().mul(Nd.add(loga.exp().neg(), 1)).mul(zinf);
        NDArray tCum = t.cumSum(2);
        NDArray sExcl = tCum.sub(t);
        NDArray decay = lIncl.get(":, :, -1").exp();
        NDArray feed = decay.mul(tCum.get(":, :, -1"));
        NDArray zs = zinf.get(":, 0, 0");
        NDList startsList = new NDList();
        for (long c = 0; c < chunks; c++) {
            startsList.add(zs);
            zs = decay.get(":, " + c).mul(zs).add(feed.get(":, " + c));
        }
        NDArray starts = NDArrays.stack(startsList, 1).expandDims(2);
        NDArray z = lExcl.exp().mul(starts.add(sExcl)).reshape(s, chunks * chunk);
        if (chunks * chunk < n) {
            // the tail shorter than a chunk: hold the last value (never used by windows, which end earlier)
            NDArray last = z.get(":, -1:").repeat(1, n - chunks * chunk);
            z = z.concat(last, 1);
        }
        return z;
    }

    /**
     * Simulates every window from its initial state: exponential Euler for gates and for V (both exact for
     * frozen coefficients, hence stable on spikes), {@code substeps} per sample; latent gates are taken from
     * their measured-voltage-driven trajectories {@code zWindows} (each [B, L+1]). Returns V [B, L].
     */
    NDArray simulateWindows(WindowBatch w, List<NDArray> zWindows, double dtMs, int substeps) {
        return simulateWindows(w, null, zWindows, dtMs, substeps);
    }

    /** As above, with a per-window offset (mV) added to the measured initial voltage (inferred states). */
    NDArray simulateWindows(WindowBatch w, NDArray v0Offset, List<NDArray> zWindows, double dtMs, int substeps) {
        NDArray[] p = baseParameters();
        NDArray cm = p[0];
        NDArray gNa = p[1];
        NDArray gK = p[2];
        NDArray gL = p[3];
        double h = dtMs / substeps;
        NDArray v = v0Offset == null ? w.vData.get(":, 0") : w.vData.get(":, 0").add(v0Offset);
        NDArray m = w.gates0.get(":, 0");
        NDArray hh = w.gates0.get(":, 1");
        NDArray n = w.gates0.get(":, 2");
        NDArray[] gz = new NDArray[latents.size()];
        NDArray[] ez = new NDArray[latents.size()];
        for (int j = 0; j < latents.size(); j++) {
            gz[j] = latents.get(j).g(set);
            ez[j] = latents.get(j).e(set);
        }
        NDArray glEl = Nd.mul(gL, base.eL());
        NDList out = new NDList();
        for (int k = 0; k < w.samples; k++) {
            NDArray gExtra = gL;
            NDArray drive = w.iData.get(":, " + k).add(glEl);
            for (int j = 0; j < latents.size(); j++) {
                NDArray gzz = zWindows.get(j).get(":, " + k).mul(gz[j]);
                gExtra = gExtra.add(gzz);
                drive = drive.add(gzz.mul(ez[j]));
            }
            for (int s = 0; s < substeps; s++) {
                m = gateStep(0, m, v, h);
                hh = gateStep(1, hh, v, h);
                n = gateStep(2, n, v, h);
                NDArray gna = Nd.cube(m).mul(hh).mul(gNa);
                NDArray gk = n.square().square().mul(gK);
                NDArray gt = gna.add(gk).add(gExtra);
                NDArray num = Nd.mul(gna, base.eNa()).add(Nd.mul(gk, base.eK())).add(drive);
                NDArray vinf = num.div(gt);
                v = v.sub(vinf).mul(Nd.mul(gt.div(cm), -h).exp()).add(vinf);
            }
            out.add(v);
        }
        return NDArrays.stack(out, 1);
    }

    private NDArray gateStep(int gate, NDArray x, NDArray v, double h) {
        NDArray[] ab = base.rates(gate, v);
        NDArray sum = ab[0].add(ab[1]);
        NDArray inf = ab[0].div(sum);
        return x.sub(inf).mul(Nd.mul(sum, -h).exp()).add(inf);
    }

    /** Current parameter values in plain Java form (for simulation, reports and snapshots). */
    FittedModel fitted() {
        Map<String, double[]> values = set.snapshot();
        double[] basePar = new double[LOG_NAMES.length];
        for (int i = 0; i < basePar.length; i++) {
            basePar[i] = Math.exp(values.get(LOG_NAMES[i])[0]);
        }
        List<FittedModel.Latent> ls = new ArrayList<>();
        for (LatentCurrent lc : latents) {
            ls.add(FittedModel.Latent.tabulate(lc, values));
        }
        return new FittedModel(base, basePar, ls);
    }
}
