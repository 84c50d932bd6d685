package org.patchpinn.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.numeric.LeastSquares;
import org.patchpinn.sim.Simulator;
import org.patchpinn.task.Progress;

/**
 * What a classic fit measures: the model simulated on every fitted sweep from rest, compared with the data
 * coarsely or finely.
 *
 * <p>The coarse measure is built to stay smooth where a trace loss is rugged (a spike 1 ms early makes two
 * large errors): per sweep, (a) order-matched spike-time differences and the relative spike-count error, (b) the data from 1 ms before each
 * spike up to the next one (at most 30 ms) against the model shifted so that its matching spike coincides
 * — spike shape and interspike trajectory without the phase error — and (c) the subthreshold trace away from
 * spikes, clipped at −30 mV. It is a fixed-length residual vector, so CMA-ES minimises its sum of squares
 * and Levenberg–Marquardt can refine it. The fine measure is every sample (the Gaussian likelihood).
 * Sweeps are simulated in parallel.
 */
public final class FitObjective {
    static final double CLIP_MV = -30;
    /** Scale of voltage differences in the coarse measure (mV). */
    static final double COARSE_SCALE_MV = 2;
    /** Scale of spike-time differences (ms); a difference is capped at CAP scales, as is a missing spike. */
    static final double SPIKE_SCALE_MS = 2;
    static final double CAP = 2;
    /** Aligned window: from this long before a data spike up to the next one, at most MAX_WINDOW_MS. */
    static final double BEFORE_MS = 1;
    static final double MAX_WINDOW_MS = 30;
    /** Subthreshold samples are those at least this far from any data spike (before, after). */
    static final double QUIET_BEFORE_MS = 5;
    static final double QUIET_AFTER_MS = 40;

    /** Per sweep, from the data only: aligned windows and the quiet samples (fixes the residual layout). */
    private record Layout(int[] windowStart, int[] windowLength, int totalWindow, int[] quiet) { }

    private final ModelSpec spec;
    private final List<FitSweep> sweeps;
    private final List<Layout> layouts = new ArrayList<>();
    private final Progress progress;
    private final int totalSamples;
    private final int coarseLength;
    private final AtomicLong simulations = new AtomicLong();

    public FitObjective(ModelSpec spec, List<FitSweep> sweeps, Progress progress) {
        if (sweeps.isEmpty()) {
            throw new FitException("no sweeps to fit");
        }
        this.spec = spec;
        this.sweeps = List.copyOf(sweeps);
        this.progress = progress;
        this.totalSamples = sweeps.stream().mapToInt(FitSweep::length).sum();
        int n = 0;
        for (FitSweep sw : sweeps) {
            Layout l = layout(sw);
            layouts.add(l);
            n += sw.spikeTimesMs().length + 2 + l.totalWindow() + l.quiet().length;
        }
        this.coarseLength = n;
    }

    private static Layout layout(FitSweep sw) {
        double[] ds = sw.spikeTimesMs();
        double dt = sw.dtMs();
        int[] start = new int[ds.length];
        int[] len = new int[ds.length];
        int total = 0;
        for (int i = 0; i < ds.length; i++) {
            double end = Math.min(i + 1 < ds.length ? ds[i + 1] - BEFORE_MS : sw.durationMs(), ds[i] + MAX_WINDOW_MS);
            start[i] = Math.max(0, (int) Math.ceil((ds[i] - BEFORE_MS) / dt));
            len[i] = Math.max(0, Math.min(sw.length(), (int) Math.floor(end / dt)) - start[i]);
            total += len[i];
        }
        List<Integer> quiet = new ArrayList<>();
        int j = 0;
        for (int k = 0; k < sw.length(); k += 2) {
            double t = k * dt;
            while (j < ds.length && ds[j] + QUIET_AFTER_MS < t) {
                j++;
            }
            boolean near = j < ds.length && t > ds[j] - QUIET_BEFORE_MS;
            if (!near) {
                quiet.add(k);
            }
        }
        return new Layout(start, len, total, quiet.stream().mapToInt(Integer::intValue).toArray());
    }

    public ModelSpec spec() {
        return spec;
    }

    public List<FitSweep> sweeps() {
        return sweeps;
    }

    public int sampleCount() {
        return totalSamples;
    }

    /** Number of sweep simulations run so far. */
    public long simulations() {
        return simulations.get();
    }

    /** The model's V on every sweep (a diverging run is NaN-filled). */
    public double[][] simulate(double[] full, double stepMs) {
        progress.checkCancelled();
        double[][] out = new double[sweeps.size()][];
        IntStream.range(0, sweeps.size()).parallel().forEach(s -> {
            FitSweep sw = sweeps.get(s);
            out[s] = Simulator.precise().simulate(spec, full, sw.stim(), sw.durationMs(), sw.dtMs(),
                    Math.min(stepMs, sw.dtMs()), null, false).v();
            simulations.incrementAndGet();
        });
        return out;
    }

    /** The coarse measure: sum of squares of {@link #coarseResiduals}, a mean over sweeps. */
    public double coarseLoss(double[] full, double stepMs) {
        return LeastSquares.sumOfSquares(coarseResiduals(full, stepMs));
    }

    /** The coarse residual vector (see the class comment); its length depends on the data only. */
    public double[] coarseResiduals(double[] full, double stepMs) {
        double[][] v = simulate(full, stepMs);
        double[] out = new double[coarseLength];
        int k = 0;
        double sweepNorm = 1 / Math.sqrt(sweeps.size());
        for (int s = 0; s < sweeps.size(); s++) {
            FitSweep sw = sweeps.get(s);
            Layout l = layouts.get(s);
            double[] d = sw.vMv();
            double[] m = v[s];
            double[] ds = sw.spikeTimesMs();
            double[] ms = SpikeTimes.detect(m, sw.dtMs());
            int nd = ds.length;
            double spikeNorm = sweepNorm / Math.sqrt(Math.max(1, Math.max(nd, ms.length)));
            for (int i = 0; i < nd; i++) {
                double z = i < ms.length ? (ms[i] - ds[i]) / SPIKE_SCALE_MS : CAP;
                out[k++] = Math.max(-CAP, Math.min(CAP, z)) * spikeNorm;
            }
            out[k++] = CAP * Math.sqrt(Math.max(0, ms.length - nd)) * spikeNorm;
            // Firing rate: smooth in the count, so a model that fires about right is always better than one
            // that stays silent (or bursts), even when the times themselves cannot be matched (wrong model).
            out[k++] = CAP * (ms.length - nd) / (nd + 1.0) * sweepNorm;
            double windowNorm = sweepNorm / (COARSE_SCALE_MV * Math.sqrt(Math.max(1, l.totalWindow())));
            for (int i = 0; i < nd; i++) {
                boolean matched = i < ms.length;
                double shift = matched ? (ms[i] - ds[i]) / sw.dtMs() : 0;
                for (int q = 0; q < l.windowLength()[i]; q++) {
                    int idx = l.windowStart()[i] + q;
                    double r = CAP * COARSE_SCALE_MV;
                    if (matched) {
                        double pos = idx + shift;
                        int j = (int) Math.floor(pos);
                        if (j >= 0 && j + 1 < m.length) {
                            double f = pos - j;
                            r = m[j] + (m[j + 1] - m[j]) * f - d[idx];
                        }
                    }
                    out[k++] = r * windowNorm;
                }
            }
            int[] quiet = l.quiet();
            double quietNorm = sweepNorm / (COARSE_SCALE_MV * Math.sqrt(Math.max(1, quiet.length)));
            for (int idx : quiet) {
                out[k++] = (Math.min(m[idx], CLIP_MV) - Math.min(d[idx], CLIP_MV)) * quietNorm;
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = 1e3;
            }
        }
        return out;
    }

    /** Residuals model − data (mV) over all sweeps, concatenated; NaN-free (diverged runs give 1e3 mV). */
    public double[] residuals(double[] full, double stepMs) {
        return residuals(full, stepMs, 0);
    }

    /**
     * Residuals of the traces after both are smoothed with a Gaussian of {@code smoothMs} standard deviation
     * (0: raw). Smoothing widens the basin of the trace fit: a spike that is off by less than the kernel
     * width still gives a residual that changes smoothly with its time, so a coarse-to-fine sequence of
     * widths (a continuation) leads a local method to the raw trace optimum.
     */
    public double[] residuals(double[] full, double stepMs, double smoothMs) {
        double[][] v = simulate(full, stepMs);
        double[] r = new double[totalSamples];
        int k = 0;
        for (int s = 0; s < sweeps.size(); s++) {
            FitSweep sw = sweeps.get(s);
            double[] d = smoothMs > 0 ? smoothedData(s, smoothMs) : sw.vMv();
            double[] m = smoothMs > 0 ? GaussianSmoothing.smooth(v[s], smoothMs / sw.dtMs()) : v[s];
            for (int i = 0; i < d.length; i++) {
                double x = m[i] - d[i];
                r[k++] = Double.isFinite(x) ? x : 1e3;
            }
        }
        return r;
    }

    private final Map<String, double[]> smoothCache = new ConcurrentHashMap<>();

    private double[] smoothedData(int s, double smoothMs) {
        FitSweep sw = sweeps.get(s);
        return smoothCache.computeIfAbsent(s + "@" + smoothMs,
                k -> GaussianSmoothing.smooth(sw.vMv(), smoothMs / sw.dtMs()));
    }
}
