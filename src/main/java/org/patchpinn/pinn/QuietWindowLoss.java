package org.patchpinn.pinn;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.patchpinn.sim.GateTable;
import org.patchpinn.trace.CurrentClampSweep;

/**
 * The subthreshold part of multiple shooting in plain Java, for derivative-free refinement: every quiet
 * window (see {@link HybridFitter#quietStarts}) is simulated from the measured voltage with the known gates
 * and the latent gates driven by the measured voltage, and compared with the data (robust loss, mV²).
 * It anchors the size and reversal of a slow current, which spike statistics alone leave ambiguous.
 */
final class QuietWindowLoss {
    private final CurrentClampData data;
    private final List<WindowBatch.Start> starts;
    private final int len;
    private List<double[][]> gates;
    private double[] gateParameters;

    QuietWindowLoss(CurrentClampData data) {
        this.data = data;
        this.len = (int) Math.round(HybridFitter.QUIET_MS / data.dtMs());
        this.starts = HybridFitter.quietStarts(data, len);
    }

    /** The known gates driven by the measured voltage, recomputed when the kinetics' parameters change. */
    private synchronized List<double[][]> gates(KnownModel base, double[] p) {
        double[] kv = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            kv[i] = base.isKinetic(i) ? p[i] : 0;
        }
        if (gates == null || !Arrays.equals(kv, gateParameters)) {
            gates = HybridFitter.drivenGates(base, p, data);
            gateParameters = kv;
        }
        return gates;
    }

    double loss(FittedModel m) {
        if (starts.isEmpty()) {
            return 0;
        }
        double dt = data.dtMs();
        List<double[][]> z = IntStream.range(0, data.sweepCount()).parallel()
                .mapToObj(s -> m.drivenLatents(data.sweep(s).vMv(), dt)).toList();
        double[] p = m.parameters();
        KnownModel base = m.base();
        List<double[][]> driven = gates(base, p);
        GateTable[] tables = base.tables(p);
        int ng = base.gateCount();
        int nc = base.currentCount();
        double cm = p[base.capacitanceIndex()];
        double total = 0;
        double r2 = HybridFitter.ROBUST_MV * HybridFitter.ROBUST_MV;
        double[] x = new double[ng];
        for (WindowBatch.Start st : starts) {
            CurrentClampSweep sw = data.sweep(st.sweep());
            double[][] g0 = driven.get(st.sweep());
            double[][] zs = z.get(st.sweep());
            double v = sw.vMv()[st.sample()];
            for (int q = 0; q < ng; q++) {
                x[q] = g0[q][st.sample()];
            }
            double err = 0;
            for (int k = 0; k < len; k++) {
                int i = st.sample() + k;
                for (int q = 0; q < ng; q++) {
                    double inf = tables[q].steadyState(v);
                    x[q] = inf + (x[q] - inf) * Math.exp(-dt * tables[q].rate(v));
                }
                double gt = 0;
                double num = sw.iPa()[i];
                for (int c = 0; c < nc; c++) {
                    double o = p[base.conductanceIndex(c)] * base.openFraction(c, x);
                    gt += o;
                    num += o * p[base.reversalIndex(c)];
                }
                for (int j = 0; j < m.latents().size(); j++) {
                    FittedModel.Latent l = m.latents().get(j);
                    gt += l.gNs() * zs[j][i];
                    num += l.gNs() * zs[j][i] * l.eMv();
                }
                double vinf = num / gt;
                v = vinf + (v - vinf) * Math.exp(-dt * gt / cm);
                double d = v - sw.vMv()[i + 1];
                err += r2 * Math.log1p(d * d / r2);
            }
            total += err / len;
        }
        return total / starts.size();
    }
}
