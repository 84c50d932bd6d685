package org.patchpinn.features;

/**
 * Spike-train agreement Γ (Kistler et al. 1997; Jolivet et al. 2008, J Neurosci Methods 169:417), the one
 * definition every fit, score and report uses:
 * Γ = (N_coinc − ⟨N_coinc⟩) / (½ (N_data + N_model)) · 1/(1 − 2νΔ), where N_coinc counts model spikes within
 * ±Δ of a data spike (each data spike matched at most once), ⟨N_coinc⟩ = 2νΔN_data is the count expected
 * from a Poisson train of the model's rate ν, so Γ = 1 for identical trains and ≈ 0 for chance agreement.
 */
public final class CoincidenceFactor {
    /** The customary precision window (ms). */
    public static final double DEFAULT_WINDOW_MS = 2.0;

    private CoincidenceFactor() {
    }

    /**
     * @param dataMs     spike times of the recording (ms, ascending)
     * @param modelMs    spike times of the model (ms, ascending)
     * @param windowMs   precision Δ (ms)
     * @param durationMs length of the compared interval (ms), for the model's rate
     * @return Γ; 1 when both trains are empty, 0 when exactly one is, NaN when the model fires so fast
     *         (ν ≥ 1/(2Δ)) that chance alone fills every window and Γ is undefined
     */
    public static double gamma(double[] dataMs, double[] modelMs, double windowMs, double durationMs) {
        int nd = dataMs.length;
        int nm = modelMs.length;
        if (nd == 0 && nm == 0) {
            return 1.0;
        }
        if (nd == 0 || nm == 0) {
            return 0.0;
        }
        int coinc = coincidences(dataMs, modelMs, windowMs);
        double rate = nm / durationMs;
        double expected = 2 * rate * windowMs * nd;
        double norm = 1 - 2 * rate * windowMs;
        if (norm <= 0) {
            return Double.NaN;
        }
        return (coinc - expected) / (0.5 * (nd + nm)) / norm;
    }

    /**
     * Γ for ranking models against each other: as {@link #gamma(double[], double[], double, double)}, but an
     * undefined Γ (a model firing at 1/(2Δ) or faster) counts as chance, 0, so a search never compares NaN.
     */
    public static double rankingGamma(double[] dataMs, double[] modelMs, double windowMs, double durationMs) {
        double g = gamma(dataMs, modelMs, windowMs, durationMs);
        return Double.isNaN(g) ? 0 : g;
    }

    /** Γ with the customary ±2 ms window. */
    public static double gamma(double[] dataMs, double[] modelMs, double durationMs) {
        return gamma(dataMs, modelMs, DEFAULT_WINDOW_MS, durationMs);
    }

    /** Model spikes within ±window of a data spike, each spike used at most once (greedy in time order). */
    public static int coincidences(double[] dataMs, double[] modelMs, double windowMs) {
        int j = 0;
        int count = 0;
        for (double t : dataMs) {
            while (j < modelMs.length && modelMs[j] < t - windowMs) {
                j++;
            }
            if (j < modelMs.length && Math.abs(modelMs[j] - t) <= windowMs) {
                count++;
                j++;
            }
        }
        return count;
    }
}
