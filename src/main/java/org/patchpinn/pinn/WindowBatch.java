package org.patchpinn.pinn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.patchpinn.trace.CurrentClampSweep;

/**
 * Many short windows of the training sweeps, simulated in parallel (multiple shooting). Each window starts
 * at the measured voltage with gates driven by the measured voltage; {@code zIndex} points every window
 * sample into the flattened [sweep × sample] trajectory of the latent gates driven by the measured voltage.
 */
final class WindowBatch {
    /** Where windows start: sweep index within the training set and first sample. */
    record Start(int sweep, int sample) { }

    final int windows;
    final int samples;
    final NDArray vData;   // [B, L+1] measured V, first column = initial state
    final NDArray iData;   // [B, L] injected current during each sample interval
    final NDArray gates0;  // [B, G] every gate of the known model at the window start
    final NDArray zIndex;  // [B, L+1] int64 flat indices into the driven latent trajectory
    final List<Start> starts;

    WindowBatch(NDManager manager, CurrentClampData data, List<double[][]> drivenGates, List<Start> starts,
                int samples) {
        this.windows = starts.size();
        this.samples = samples;
        this.starts = List.copyOf(starts);
        int b = starts.size();
        int n = data.sweep(0).length();
        float[] v = new float[b * (samples + 1)];
        float[] cur = new float[b * samples];
        int ng = drivenGates.get(0).length;
        float[] g0 = new float[b * ng];
        long[] idx = new long[b * (samples + 1)];
        for (int w = 0; w < b; w++) {
            Start st = starts.get(w);
            CurrentClampSweep sw = data.sweep(st.sweep());
            for (int k = 0; k <= samples; k++) {
                v[w * (samples + 1) + k] = (float) sw.vMv()[st.sample() + k];
                idx[w * (samples + 1) + k] = (long) st.sweep() * n + st.sample() + k;
                if (k < samples) {
                    cur[w * samples + k] = (float) sw.iPa()[st.sample() + k];
                }
            }
        }
        fillGates(g0, drivenGates, ng);
        vData = manager.create(v, new Shape(b, samples + 1));
        iData = manager.create(cur, new Shape(b, samples));
        gates0 = manager.create(g0, new Shape(b, ng));
        zIndex = manager.create(idx, new Shape(b, samples + 1));
    }

    private void fillGates(float[] g0, List<double[][]> drivenGates, int ng) {
        for (int w = 0; w < starts.size(); w++) {
            Start st = starts.get(w);
            for (int g = 0; g < ng; g++) {
                g0[w * ng + g] = (float) drivenGates.get(st.sweep())[g][st.sample()];
            }
        }
    }

    void attachForStep(NDManager step) {
        vData.tempAttach(step);
        iData.tempAttach(step);
        gates0.tempAttach(step);
        zIndex.tempAttach(step);
    }
}
