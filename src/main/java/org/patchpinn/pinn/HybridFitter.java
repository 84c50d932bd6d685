package org.patchpinn.pinn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.CurrentClampSweep;

/**
 * Method {@code hybrid}: trains the HH base plus latent currents through a differentiable exponential-Euler
 * integrator on many short windows at once (multiple shooting). Each window starts at the measured voltage
 * with the known gates driven by the measured voltage; the latent gates follow their exact trajectories
 * driven by the measured voltage over the whole sweep (so a slow gate feels the full history of the sweep
 * although every window is short). Every {@code evalEvery} steps the model is simulated freely on the
 * validation sweeps; the step with the best summary-statistic agreement is kept (early stopping).
 */
public final class HybridFitter {

    /** Settings of one hybrid fit: {@link #builder} starts from the defaults, {@link #toBuilder} from these. */
    public record Options(KnownModel base, int latentCount, long seed, String device, int steps, double windowMs,
                          int substeps, double baseRate, double netRate, double scalarRate, int evalEvery,
                          double[] init) {
        public static Builder builder(KnownModel base, int latentCount) {
            return new Builder(base, latentCount);
        }

        public Builder toBuilder() {
            return builder(base, latentCount).seed(seed).device(device).steps(steps).windowMs(windowMs)
                    .substeps(substeps).rates(baseRate, netRate, scalarRate).evalEvery(evalEvery).init(init);
        }

        /** Options set one by one; unset ones keep their defaults. */
        public static final class Builder extends TrainingBuilder<Builder> {
            private int substeps = 2;
            private double baseRate = 0.01;
            private double netRate = 0.005;
            private double scalarRate = 0.05;

            private Builder(KnownModel base, int latentCount) {
                super(base, latentCount, 500, 3.0, 25);
            }

            @Override
            Builder self() {
                return this;
            }

            /** Integration sub-steps per sample in the training windows. */
            public Builder substeps(int k) {
                substeps = k;
                return this;
            }

            /** Adam rates of the base parameters, the networks and the latent scalars (g, E, slopes). */
            public Builder rates(double base0, double net, double scalar) {
                baseRate = base0;
                netRate = net;
                scalarRate = scalar;
                return this;
            }

            public Options build() {
                return new Options(base, latentCount, seed, device, steps, windowMs, substeps, baseRate, netRate,
                        scalarRate, evalEvery, init);
            }
        }
    }

    /** One evaluation on the validation sweeps during training. */
    public record Checkpoint(int step, double loss, double agreement, List<SweepScore> scores,
                             FittedModel model) { }

    /** What a fit produced. */
    public record Result(FittedModel model, List<double[]> lossCurve, List<Checkpoint> checkpoints,
                         Checkpoint best, String device) { }

    public Result fit(CurrentClampData train, CurrentClampData validation, Options o, Progress progress) {
        Device device = Devices.resolve(o.device());
        Engine.getInstance().setRandomSeed((int) o.seed());
        Random rng = new Random(o.seed());
        double dt = train.dtMs();
        int samples = (int) Math.round(o.windowMs() / dt);
        int n = train.sweep(0).length();
        int chunk = chunkLength(dt);
        List<double[][]> driven = drivenGates(o.base(), o.init(), train);
        List<WindowBatch.Start> starts = new ArrayList<>();
        for (int s = 0; s < train.sweepCount(); s++) {
            for (int i = 0; i + samples < n; i += samples) {
                starts.add(new WindowBatch.Start(s, i));
            }
        }
        int quietSamples = (int) Math.round(QUIET_MS / dt);
        List<WindowBatch.Start> quiet = quietStarts(train, quietSamples);
        Random pick = new Random(o.seed() * 31 + 7);
        starts = subset(starts, MAX_WINDOWS, pick);
        quiet = subset(quiet, MAX_WINDOWS, pick);
        TrainingLoop.LossCurve curve = new TrainingLoop.LossCurve();
        TrainingLoop.Checkpoints checkpoints = new TrainingLoop.Checkpoints(validation);
        try (NDManager manager = NDManager.newBaseManager(device)) {
            HybridModel model = new HybridModel(manager, o.base(), o.init(), o.latentCount(), rng, o.baseRate(),
                    o.netRate(), o.scalarRate());
            WindowBatch batch = new WindowBatch(manager, train, driven, starts, samples);
            WindowBatch quietBatch = quiet.isEmpty() ? null
                    : new WindowBatch(manager, train, driven, quiet, quietSamples);
            NDArray vAll = sweepMatrix(manager, train);
            // multiple shooting infers each window's initial voltage (noise in the measured one would
            // otherwise shift spikes at random and bias the fit towards slow, blurred spikes)
            model.set.add("v0.windows", manager.zeros(new Shape(batch.windows)), V0_RATE);
            if (quietBatch != null) {
                model.set.add("v0.quiet", manager.zeros(new Shape(quietBatch.windows)), V0_RATE);
            }
            DivergenceGuard guard = new DivergenceGuard(model.set);
            TrainingLoop.Listener evaluations = new TrainingLoop.Listener() {
                @Override
                public void beforeStep(int step) {
                    if (step % o.evalEvery() == 0 || step == o.steps()) {
                        // early stopping among the checkpoints of the second half of training (the first
                        // ones have not fitted the windows yet; free-run scores of untrained models are noise)
                        progress.log(describe(checkpoints.evaluate(step, curve.last(), model.fitted(),
                                step >= o.steps() / 2)));
                    }
                }
            };
            TrainingLoop.Listener reporting = new TrainingLoop.Listener() {
                @Override
                public void afterStep(int step, TrainingLoop.StepResult r) {
                    if (r.rolledBack()) {
                        progress.log(String.format(Locale.ROOT, "step %d: window loss %.3f mV² jumped above "
                                + "%.0f× the best %.3f mV²: back to the best state, Adam rates ×%.2f", step + 1,
                                r.loss(), DivergenceGuard.JUMP, guard.bestLoss(), guard.rateFactor()));
                    }
                    progress.status(String.format(Locale.ROOT, "hybrid, %d latent: step %d/%d, window loss %.3f mV²",
                            o.latentCount(), step + 1, o.steps(), r.loss()));
                    progress.fraction((step + 1.0) / o.steps());
                }
            };
            TrainingLoop.run(o.steps(), step -> trainStep(model, batch, quietBatch, vAll, dt, chunk, o.substeps(),
                    rateScale(step, o.steps()), guard), List.of(evaluations, curve, reporting), progress);
        }
        Checkpoint best = checkpoints.best();
        return new Result(best.model(), curve.rows(), checkpoints.all(), best, device.toString());
    }

    /**
     * One Adam step on the mean squared window error, scaled by {@code rateScale} and the guard's factor; no
     * step when the guard finds the loss jumped (it has restored the best parameters instead).
     */
    static TrainingLoop.StepResult trainStep(HybridModel model, WindowBatch batch, WindowBatch quiet, NDArray vAll, double dt,
                                int chunk, int substeps, double rateScale, DivergenceGuard guard) {
        NDManager step = model.set.manager().newSubManager();
        try (step) {
            model.attachForStep(step);
            batch.attachForStep(step);
            if (quiet != null) {
                quiet.attachForStep(step);
            }
            vAll.tempAttach(step);
            double lossValue;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.zeroGradients();
                List<NDArray> zWindows = new ArrayList<>();
                List<NDArray> zQuiet = new ArrayList<>();
                for (LatentCurrent lc : model.latents) {
                    NDArray z = model.drivenLatent(lc, vAll, dt, chunk).reshape(-1);
                    zWindows.add(z.take(batch.zIndex));
                    if (quiet != null) {
                        zQuiet.add(z.take(quiet.zIndex));
                    }
                }
                NDArray v = model.simulateWindows(batch, model.set.get("v0.windows"), zWindows, dt, substeps);
                NDArray loss = robust(v.sub(batch.vData.get(":, 1:")).square()).mean();
                if (quiet != null) {
                    // subthreshold dynamics are smooth: one exponential-Euler step per sample is accurate
                    NDArray vq = model.simulateWindows(quiet, model.set.get("v0.quiet"), zQuiet, dt, 1);
                    loss = loss.add(robust(vq.sub(quiet.vData.get(":, 1:")).square()).mean());
                }
                gc.backward(loss);
                lossValue = loss.getFloat();
            }
            if (guard.diverged(lossValue)) {
                return TrainingLoop.StepResult.of(lossValue, true);
            }
            model.set.adamStep(rateScale * guard.rateFactor());
            return TrainingLoop.StepResult.of(lossValue, false);
        } finally {
            Nd.release(step);
        }
    }

    /**
     * Cosine decay of the Adam rates to {@link #FINAL_RATE} of their start: at a constant rate the window fit
     * wandered off late in training (see HybridStagesBenchmark).
     */
    static double rateScale(int step, int steps) {
        return FINAL_RATE + (1 - FINAL_RATE) * 0.5 * (1 + Math.cos(Math.PI * step / Math.max(1, steps)));
    }

    static final double FINAL_RATE = 0.1;

    /** Scale (mV) of the robust window loss: errors much larger than this (spike-timing shifts) saturate. */
    static final double ROBUST_MV = 3.0;

    /**
     * δ²·log(1 + e²/δ²) of squared errors: quadratic for small errors, logarithmic for the large errors of
     * windows whose spike moved by a sample or two because their initial voltage is noisy. Even at the true
     * parameters a few such windows dominate the plain mean, so it lets a few noise-shifted spikes steer the fit
     * (no benchmark reproduces the measurement).
     */
    static NDArray robust(NDArray squared) {
        return Nd.mul(Nd.add(Nd.div(squared, ROBUST_MV * ROBUST_MV), 1).log(), ROBUST_MV * ROBUST_MV);
    }

    /** Adam rate (mV per step) of the inferred initial voltages. */
    static final double V0_RATE = 0.05;

    /** Length of the quiet (subthreshold) windows: long enough to feel a slow current over an ISI. */
    static final double QUIET_MS = 8.0;
    /** Quiet windows stay below this voltage with a margin of {@link #QUIET_MARGIN_MS} after them. */
    static final double QUIET_BELOW_MV = -50;
    static final double QUIET_MARGIN_MS = 1.0;

    /**
     * Windows of {@code len} samples in which the data stays subthreshold (and for a margin after), at a
     * stride of half a window: interspike intervals, rest before the step and the after-hyperpolarisation
     * after it, where slow currents act and no spike time can make the loss rugged.
     */
    static List<WindowBatch.Start> quietStarts(CurrentClampData data, int len) {
        List<WindowBatch.Start> out = new ArrayList<>();
        int margin = (int) Math.round(QUIET_MARGIN_MS / data.dtMs());
        for (int s = 0; s < data.sweepCount(); s++) {
            double[] v = data.sweep(s).vMv();
            int runStart = 0;
            for (int k = 0; k <= v.length; k++) {
                if (k == v.length || v[k] >= QUIET_BELOW_MV) {
                    int end = (k == v.length ? v.length : k - margin) - 1;
                    for (int i = runStart; i + len <= end; i += len / 2) {
                        out.add(new WindowBatch.Start(s, i));
                    }
                    runStart = k + 1;
                }
            }
        }
        return out;
    }

    /**
     * Most windows of each kind trained on: long real sweeps give tens of thousands (minutes per step; no
     * benchmark reproduces the count); a fixed random subset of this size still covers every sweep and phase of
     * the response.
     */
    static final int MAX_WINDOWS = 4000;

    /** At most {@code max} of {@code all}, a seeded random subset in their original order. */
    static List<WindowBatch.Start> subset(List<WindowBatch.Start> all, int max, Random rng) {
        if (all.size() <= max) {
            return all;
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, rng);
        List<Integer> keep = new ArrayList<>(idx.subList(0, max));
        Collections.sort(keep);
        List<WindowBatch.Start> out = new ArrayList<>();
        for (int i : keep) {
            out.add(all.get(i));
        }
        return out;
    }

    /** Every gate of the known model driven by each sweep's measured voltage, for parameter values p. */
    static List<double[][]> drivenGates(KnownModel base, double[] p, CurrentClampData data) {
        List<double[][]> out = new ArrayList<>();
        for (int s = 0; s < data.sweepCount(); s++) {
            out.add(base.driven(p, data.sweep(s).vMv(), data.dtMs(), 4));
        }
        return out;
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
        for (CurrentClampSweep sw : data.sweeps()) {
            FittedModel.Simulation sim = fm.simulate(sw.iPa(), data.dtMs(), restOf(sw.vMv(), data.dtMs()));
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

    /** The free base parameters of a model, " name value" each. */
    static String freeValues(FittedModel m) {
        StringBuilder b = new StringBuilder();
        double[] p = m.parameters();
        for (int i = 0; i < p.length; i++) {
            if (m.base().isFree(i)) {
                b.append(String.format(Locale.ROOT, " %s %.4g", m.base().parameters().get(i).name(), p[i]));
            }
        }
        return b.toString();
    }

    static String describe(Checkpoint cp) {
        // before the first step there is no window loss yet
        String loss = Double.isNaN(cp.loss()) ? "before training"
                : String.format(Locale.ROOT, "loss %.3f mV²", cp.loss());
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "step %d: %s, selection agreement %.3f",
                cp.step(), loss, cp.agreement()));
        for (SweepScore s : cp.scores()) {
            b.append(String.format(Locale.ROOT, " | sweep %d: Γ %.2f, spikes %d/%d, AI %.3f/%.3f", s.sweep(), s.gamma(),
                    s.spikesModel(), s.spikesData(), s.adaptationModel(), s.adaptationData()));
        }
        b.append(" |").append(freeValues(cp.model()));
        for (FittedModel.Latent l : cp.model().latents()) {
            b.append(String.format(Locale.ROOT, " | g %.2f E %.1f", l.gNs(), l.eMv()));
        }
        return b.toString();
    }

}
