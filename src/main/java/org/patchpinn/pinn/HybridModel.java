package org.patchpinn.pinn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.patchpinn.model.Parameter;

/**
 * The known model (every current and gate of its {@link KnownModel}) plus zero or more latent gated
 * currents, written on NDArrays so that a loss on simulated voltages can be differentiated with respect to
 * every free parameter and network weight. Parameters with a positive range (conductances, Cm) are learned
 * as logarithms, the others (reversals) directly; fixed parameters, and those the gate tables are built
 * from (VT, τmax …: no gradient reaches them through a table), are held at rate 0.
 */
final class HybridModel {
    final KnownModel base;
    final TrainableSet set;
    /** The known gates' kinetics at the starting values of the kinetic parameters (constant in training). */
    final NdGateTables kinetics;
    final List<LatentCurrent> latents = new ArrayList<>();
    /** Trainable-set name of each base parameter, spec order. */
    private final String[] names;
    private final boolean[] log;
    /** Starting values: fixed parameters are reported exactly as given, not through float32. */
    private final double[] init;

    /**
     * @param init     starting value of every base parameter (spec order)
     * @param baseRate Adam rate of the free base parameters (log units; a linear parameter gets a tenth of its
     *                 range per unit, e.g. 0.05 mV per step for VT in [−80, −30] at rate 0.01)
     */
    HybridModel(NDManager manager, KnownModel base, double[] init, int latentCount, Random rng,
                double baseRate, double netRate, double latentScalarRate) {
        this.base = base;
        this.set = new TrainableSet(manager);
        int np = base.parameterCount();
        names = new String[np];
        log = new boolean[np];
        this.init = init.clone();
        for (int i = 0; i < np; i++) {
            Parameter q = base.parameters().get(i);
            names[i] = "base." + q.name();
            log[i] = q.logScale();
            double x = log[i] ? Math.log(init[i]) : init[i];
            boolean trained = base.isFree(i) && !base.isKinetic(i);
            double rate = !trained ? 0 : log[i] ? baseRate : baseRate * (q.upper() - q.lower()) / 10;
            set.add(names[i], manager.create(new float[] {(float) x}), rate);
        }
        this.kinetics = new NdGateTables(manager, base.tables(init));
        double[] start = base.latentStart(init);
        for (int j = 0; j < latentCount; j++) {
            latents.add(new LatentCurrent(set, "z" + (j + 1), start[0], start[1], netRate, latentScalarRate, rng));
        }
    }

    /** Attaches the trainable arrays and the gate tables to a training step's manager. */
    void attachForStep(NDManager step) {
        set.attachForStep(step);
        kinetics.attachForStep(step);
    }

    /** Sets base parameter i to {@code value} (in its own units). */
    void setParameter(int i, double value) {
        set.setScalar(names[i], log[i] ? Math.log(value) : value);
    }

    /** Every base parameter as a [1]-array in its own units, kept within its bounds. */
    NDArray[] baseParameters() {
        NDArray[] p = new NDArray[names.length];
        for (int i = 0; i < p.length; i++) {
            Parameter q = base.parameters().get(i);
            NDArray x = set.get(names[i]);
            p[i] = log[i] ? x.exp() : x;
            if (base.isFree(i)) {
                p[i] = p[i].maximum(Nd.c(p[i], q.lower())).minimum(Nd.c(p[i], q.upper()));
            }
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
     * their measured-voltage-driven trajectories {@code zWindows} (each [B, L+1]); {@code v0Offset} (mV, null for
     * none) is added per window to the measured initial voltage (inferred states). Returns V [B, L].
     */
    NDArray simulateWindows(WindowBatch w, NDArray v0Offset, List<NDArray> zWindows, double dtMs, int substeps) {
        NDArray[] p = baseParameters();
        NDArray cm = p[base.capacitanceIndex()];
        int nc = base.currentCount();
        NDArray[] gc = new NDArray[nc];
        NDArray[] ec = new NDArray[nc];
        for (int c = 0; c < nc; c++) {
            gc[c] = p[base.conductanceIndex(c)];
            ec[c] = p[base.reversalIndex(c)];
        }
        double h = dtMs / substeps;
        NDArray v = v0Offset == null ? w.vData.get(":, 0") : w.vData.get(":, 0").add(v0Offset);
        NDArray[] x = new NDArray[base.gateCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = w.gates0.get(":, " + i);
        }
        NDArray[] gz = new NDArray[latents.size()];
        NDArray[] ez = new NDArray[latents.size()];
        for (int j = 0; j < latents.size(); j++) {
            gz[j] = latents.get(j).g(set);
            ez[j] = latents.get(j).e(set);
        }
        NDList out = new NDList();
        for (int k = 0; k < w.samples; k++) {
            NDArray gExtra = null;
            NDArray drive = w.iData.get(":, " + k);
            for (int j = 0; j < latents.size(); j++) {
                NDArray gzz = zWindows.get(j).get(":, " + k).mul(gz[j]);
                gExtra = gExtra == null ? gzz : gExtra.add(gzz);
                drive = drive.add(gzz.mul(ez[j]));
            }
            for (int s = 0; s < substeps; s++) {
                NDArray[][] ir = kinetics.at(v);
                for (int i = 0; i < x.length; i++) {
                    x[i] = x[i].sub(ir[i][0]).mul(Nd.mul(ir[i][1], -h).exp()).add(ir[i][0]);
                }
                NDArray gt = gExtra;
                NDArray num = drive;
                for (int c = 0; c < nc; c++) {
                    NDArray o = base.openFraction(c, x);
                    NDArray gcc = o == null ? gc[c] : o.mul(gc[c]);
                    gt = gt == null ? gcc : gt.add(gcc);
                    num = num.add(gcc.mul(ec[c]));
                }
                NDArray vinf = num.div(gt);
                v = v.sub(vinf).mul(gt.div(cm).mul(Nd.c(v, -h)).exp()).add(vinf);
            }
            out.add(v);
        }
        return NDArrays.stack(out, 1);
    }

    /** Current parameter values in plain Java form (for simulation, reports and snapshots). */
    FittedModel fitted() {
        Map<String, double[]> values = set.snapshot();
        List<FittedModel.Latent> ls = new ArrayList<>();
        for (LatentCurrent lc : latents) {
            ls.add(FittedModel.Latent.tabulate(lc, values));
        }
        return new FittedModel(base, baseValues(values), ls);
    }

    /** Every base parameter's current value (spec order, within its bounds). */
    double[] baseValues() {
        Map<String, double[]> values = new HashMap<>();
        for (String n : names) {
            values.put(n, TrainableSet.toDoubles(set.get(n)));
        }
        return baseValues(values);
    }

    private double[] baseValues(Map<String, double[]> values) {
        double[] basePar = new double[names.length];
        for (int i = 0; i < basePar.length; i++) {
            Parameter q = base.parameters().get(i);
            double x = values.get(names[i])[0];
            double val = log[i] ? Math.exp(x) : x;
            basePar[i] = !base.isFree(i) ? init[i] : Math.max(q.lower(), Math.min(q.upper(), val));
        }
        return basePar;
    }
}
