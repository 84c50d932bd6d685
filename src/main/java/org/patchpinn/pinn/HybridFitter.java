package org.patchpinn.pinn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.patchpinn.task.Progress;

/**
 * Method {@code hybrid}: trains the HH base plus latent currents through a differentiable exponential-Euler
 * integrator on many short windows at once (multiple shooting). Each window starts at the measured voltage
 * with the known gates driven by the measured voltage; the latent gates follow their exact trajectories
 * driven by the measured voltage over the whole sweep (so a slow gate feels the full history of the sweep
 * although every window is short). Every {@code evalEvery} steps the model is simulated freely on the
 * validation sweeps; the step with the best summary-statistic agreement is kept (early stopping).
 */
public final class HybridFitter {

    /** Settings of one hybrid fit. */
    public record Options(BaseModel base, int latentCount, long seed, String device, int steps, double windowMs,
                          int substeps, double baseRate, double netRate, double scalarRate, int evalEvery,
                          double[] init) {
        public static Options defaults(BaseModel base, int latentCount) {
            return new Options(base, latentCount, 1, "auto", 300, 3.0, 4, 0.01, 0.005, 0.05, 25,
                    base.defaults());
        }

        public Options withSteps(int s) {
            return new Options(base, latentCount, seed, device, s, windowMs, substeps, baseRate, netRate,
                    scalarRate, evalEvery, init);
        }

        public Options withSeed(long s) {
            return new Options(base, latentCount, s, device, steps, windowMs, substeps, baseRate, netRate,
                    scalarRate, evalEvery, init);
        }

        public Options withDevice(String d) {
            return new Options(base, latentCount, seed, d, steps, windowMs, substeps, baseRate, netRate,
                    scalarRate, evalEvery, init);
        }

        public Options withInit(double[] i) {
            return new Options(base, latentCount, seed, device, steps, windowMs, substeps, baseRate, netRate,
                    scalarRate, evalEvery, i.clone());
        }

        public Options withRates(double base0, double net, double scalar) {
            return new Options(base, latentCount, seed, device, steps, windowMs, substeps, base0, net, scalar,
                    evalEvery, init);
        }

        public Options withEvalEvery(int e) {
            return new Options(base, latentCount, seed, device, steps, windowMs, substeps, baseRate, netRate,
                    scalarRate, e, init);
        }
    }

    /** One evaluation on the validation sweeps during training. */
    public record Checkpoint(int step, double loss, double agreement, List<SweepScore> scores,
                             FittedModel model) { }

    /** What a fit produced. */
    public record Result(FittedModel model, List<double[]> lossCurve, List<Checkpoint> checkpoints,
                         Checkpoint best, String device, double wallSeconds) { }

    public Result fit(CurrentClampData train, CurrentClampData validation, Options o, Progress progress) {
        long t0 = System.nanoTime();
        Device device = Devices.resolve(o.device());
        Engine.getInstance().setRandomSeed((int) o.seed());
        Random rng = new Random(o.seed());
        double dt = train.dtMs();
        int samples = (int) Math.round(o.windowMs() / dt);
        int n = train.sweep(0).length();
        int chunk = chunkLength(dt);
        List<double[][]> driven = new ArrayList<>();
        List<WindowBatch.Start> starts = new ArrayList<>();
        for (int s = 0; s < train.sweepCount(); s++) {
            driven.add(DrivenGates.along(o.base(), train.sweep(s).vMv(), dt, 4));
            for (int i = 0; i + samples < n; i += samples) {
                starts.add(new WindowBatch.Start(s, i));
            }
        }
        List<double[]> lossCurve = new ArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>();
        Checkpoint best = null;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            HybridModel model = new HybridModel(manager, o.base(), o.init(), o.latentCount(), rng, o.baseRate(),
                    o.netRate(), o.scalarRate());
            WindowBatch batch = new WindowBatch(manager, train, driven, starts, samples);
            NDArray vAll = sweepMatrix(manager, train);
            for (int step = 0; step <= o.steps(); step++) {
                progress.checkCancelled();
                if (step % o.evalEvery() == 0 || step == o.steps()) {
                    FittedModel fm = model.fitted();
                    double lastLoss = lossCurve.isEmpty() ? Double.NaN : lossCurve.get(lossCurve.size() - 1)[1];
                    Checkpoint cp = evaluate(step, lastLoss, fm, validation);
                    checkpoints.add(cp);
                    if (best == null || cp.agreement() > best.agreement()) {
                        best = cp;
                    }
                    progress.log(describe(cp));
                }
                if (step == o.steps()) {
                    break;
                }
                double loss = trainStep(model, batch, vAll, dt, chunk, o.substeps());
                lossCurve.add(new double[] {step, loss});
                progress.status(String.format("hybrid, %d latent: step %d/%d, window loss %.3f mV²",
                        o.latentCount(), step + 1, o.steps(), loss));
                progress.fraction((step + 1.0) / o.steps());
            }
        }
        return new Result(best.model(), lossCurve, checkpoints, best, device.toString(),
                (System.nanoTime() - t0) / 1e9);
    }

    /** One Adam step on the mean squared window error; returns the loss (mV²). */
    static double trainStep(HybridModel model, WindowBatch batch, NDArray vAll, double dt, int chunk,
                            int substeps) {
        try (NDManager step = model.set.manager().newSubManager()) {
            model.set.attachForStep(step);
            batch.attachForStep(step);
            vAll.tempAttach(step);
            double lossValue;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.zeroGradients();
                List<NDArray> zWindows = new ArrayList<>();
                for (LatentCurrent lc : model.latents) {
                    NDArray z = model.drivenLatent(lc, vAll, dt, chunk);
                    zWindows.add(z.reshape(-1).take(batch.zIndex));
                }
                NDArray v = model.simulateWindows(batch, zWindows, dt, substeps);
                NDArray loss = v.sub(batch.vData.get(":, 1:")).square().mean();
                gc.backward(loss);
                lossValue = loss.getFloat();
            }
            model.set.adamStep(1.0);
            Nd.release(step);
            return lossValue;
        }
    }

    static int chunkLength(double dt) {
        // keeps exp(dt·chunk/τmin) far from float32 overflow
        return Math.max(1, (int) Math.floor(10.0 / dt));
    }

    static NDArray sweepMatrix(NDManager manager, CurrentClampData data) {
        int s = data.sweepCount();
        int n = data.sweep(0).length();
        float[] f = new float[s * n];
        for (int i = 0; i < s; i++) {
            double[] v = data.sweep(i).vMv();
            for (int k = 0; k < n; k++) {
                f[i * n + k] = (float) v[k];
            }
        }
        return manager.create(f, new Shape(s, n));
    }

    /** Simulates the model freely on every validation sweep and scores it. */
    static Checkpoint evaluate(int step, double loss, FittedModel fm, CurrentClampData validation) {
        List<SweepScore> scores = scoreAll(fm, validation);
        double agreement = scores.stream().mapToDouble(SweepScore::agreement).average().orElse(Double.NaN);
        return new Checkpoint(step, loss, agreement, scores, fm);
    }

    public static List<SweepScore> scoreAll(FittedModel fm, CurrentClampData data) {
        List<SweepScore> scores = new ArrayList<>();
        for (CurrentClampData.SweepData sw : data.sweeps()) {
            FittedModel.Simulation sim = fm.simulate(sw.iPa(), data.dtMs(), restOf(sw.vMv(), data.dtMs()), 4);
            scores.add(SweepScore.of(sw.index(), sw.stepAmplitude(), sw.vMv(), sim.v(), data.dtMs()));
        }
        return scores;
    }

    /** Mean voltage over the first 5 ms: the starting point of a free simulation. */
    static double restOf(double[] v, double dt) {
        int n = Math.max(1, Math.min(v.length, (int) (5 / dt)));
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += v[k];
        }
        return s / n;
    }

    static String describe(Checkpoint cp) {
        StringBuilder b = new StringBuilder(String.format("step %d: loss %.3f mV², held-out agreement %.3f",
                cp.step(), cp.loss(), cp.agreement()));
        for (SweepScore s : cp.scores()) {
            b.append(String.format(" | sweep %d: Γ %.2f, spikes %d/%d, AI %.3f/%.3f", s.sweep() + 1, s.gamma(),
                    s.spikesModel(), s.spikesData(), s.adaptationModel(), s.adaptationData()));
        }
        double[] p = cp.model().parameters();
        b.append(String.format(" | Cm %.1f gNa %.0f gK %.1f gL %.2f", p[0], p[1], p[2], p[3]));
        for (FittedModel.Latent l : cp.model().latents()) {
            b.append(String.format(" | g %.2f E %.1f", l.gNs(), l.eMv()));
        }
        return b.toString();
    }

}
