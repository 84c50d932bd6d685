package org.patchpinn.pinn;

import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.util.MathArrays;

/**
 * Compares a learned latent current with a reference one (e.g. a benchmark's hidden M-current) on a
 * measured sweep: both gates are driven by the same measured voltage, so the comparison isolates the
 * current itself (Wells et al. 2024: currents are better identified than their factors).
 *
 * @param correlation     Pearson r of the two current traces
 * @param relativeRmsError RMS(learned − reference) / RMS(reference)
 * @param reversalErrorMv  |E_learned − E_reference| (first latent)
 * @param steadyStateError max over the voltage range of |g·z∞ learned − g·z∞ reference| / g_reference
 */
public record CurrentComparison(double correlation, double relativeRmsError, double reversalErrorMv,
                                double steadyStateError) {

    /** Sum of the model's latent currents (pA) with gates driven by {@code vMv}. */
    public static double[] latentCurrent(FittedModel m, double[] vMv, double dtMs) {
        double[][] z = m.drivenLatents(vMv, dtMs);
        double[] i = new double[vMv.length];
        for (int j = 0; j < m.latents().size(); j++) {
            FittedModel.Latent l = m.latents().get(j);
            for (int k = 0; k < vMv.length; k++) {
                i[k] += l.gNs() * z[j][k] * (vMv[k] - l.eMv());
            }
        }
        return i;
    }

    public static CurrentComparison of(FittedModel learned, FittedModel.Latent reference, double[] vMv,
                                       double dtMs, double vLow, double vHigh) {
        FittedModel ref = new FittedModel(learned.base(), learned.parameters(), List.of(reference));
        double[] a = latentCurrent(learned, vMv, dtMs);
        double[] b = latentCurrent(ref, vMv, dtMs);
        double r = new PearsonsCorrelation().correlation(a, b);
        double rel = MathArrays.distance(a, b) / MathArrays.safeNorm(b);
        double eErr = learned.latents().isEmpty() ? Double.NaN
                : Math.abs(learned.latents().get(0).eMv() - reference.eMv());
        double worst = 0;
        for (double v = vLow; v <= vHigh + 1e-9; v += 0.5) {
            double gl = 0;
            for (FittedModel.Latent l : learned.latents()) {
                gl += l.gNs() * l.zInfAt(v);
            }
            worst = Math.max(worst, Math.abs(gl - reference.gNs() * reference.zInfAt(v)));
        }
        return new CurrentComparison(r, rel, eErr, worst / reference.gNs());
    }
}
