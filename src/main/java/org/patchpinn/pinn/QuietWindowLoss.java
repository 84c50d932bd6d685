package org.patchpinn.pinn;

import java.util.ArrayList;
import java.util.List;

/**
 * The subthreshold part of multiple shooting in plain Java, for derivative-free refinement: every quiet
 * window (see {@link HybridFitter#quietStarts}) is simulated from the measured voltage with the known gates
 * and the latent gates driven by the measured voltage, and compared with the data (robust loss, mV²).
 * It anchors the size and reversal of a slow current, which spike statistics alone leave ambiguous.
 */
final class QuietWindowLoss {
    private final CurrentClampData data;
    private final List<WindowBatch.Start> starts;
    private final List<double[][]> gates = new ArrayList<>();
    private final int len;

    QuietWindowLoss(CurrentClampData data, BaseModel base) {
        this.data = data;
        this.len = (int) Math.round(HybridFitter.QUIET_MS / data.dtMs());
        this.starts = HybridFitter.quietStarts(data, len);
        for (CurrentClampData.SweepData sw : data.sweeps()) {
            gates.add(DrivenGates.along(base, sw.vMv(), data.dtMs(), 4));
        }
    }

    int windows() {
        return starts.size();
    }

    double loss(FittedModel m) {
        if (starts.isEmpty()) {
            return 0;
        }
        double dt = data.dtMs();
        List<double[][]> z = java.util.stream.IntStream.range(0, data.sweepCount()).parallel()
                .mapToObj(s -> m.drivenLatents(data.sweep(s).vMv(), dt)).toList();
        double[] p = m.parameters();
        BaseModel base = m.base();
        double[] ab = new double[2];
        double total = 0;
        double r2 = HybridFitter.ROBUST_MV * HybridFitter.ROBUST_MV;
        for (WindowBatch.Start st : starts) {
            CurrentClampData.SweepData sw = data.sweep(st.sweep());
            double[][] g0 = gates.get(st.sweep());
            double[][] zs = z.get(st.sweep());
            double v = sw.vMv()[st.sample()];
            double[] x = {g0[0][st.sample()], g0[1][st.sample()], g0[2][st.sample()]};
            double err = 0;
            for (int k = 0; k < len; k++) {
                int i = st.sample() + k;
                for (int q = 0; q < 3; q++) {
                    base.rates(q, v, ab);
                    double sum = ab[0] + ab[1];
                    double inf = ab[0] / sum;
                    x[q] = inf + (x[q] - inf) * Math.exp(-dt * sum);
                }
                double gna = p[1] * x[0] * x[0] * x[0] * x[1];
                double n2 = x[2] * x[2];
                double gk = p[2] * n2 * n2;
                double gt = gna + gk + p[3];
                double num = gna * base.eNa() + gk * base.eK() + p[3] * base.eL() + sw.iPa()[i];
                for (int j = 0; j < m.latents().size(); j++) {
                    FittedModel.Latent l = m.latents().get(j);
                    gt += l.gNs() * zs[j][i];
                    num += l.gNs() * zs[j][i] * l.eMv();
                }
                double vinf = num / gt;
                v = vinf + (v - vinf) * Math.exp(-dt * gt / p[0]);
                double d = v - sw.vMv()[i + 1];
                err += r2 * Math.log1p(d * d / r2);
            }
            total += err / len;
        }
        return total / starts.size();
    }
}
