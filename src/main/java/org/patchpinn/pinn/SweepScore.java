package org.patchpinn.pinn;

import org.patchpinn.features.CoincidenceFactor;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.features.SpikeTrains;

/**
 * How well a simulated sweep agrees with a recorded one: coincidence factor Γ (±2 ms; an undefined Γ counts
 * as 0, see {@link CoincidenceFactor#rankingGamma}), spike counts,
 * adaptation indices, voltage RMSE (whole sweep) and subthreshold RMSE (samples where both are below −50 mV).
 */
public record SweepScore(int sweep, double stimulusPa, double gamma, int spikesData, int spikesModel,
                         double adaptationData, double adaptationModel, double rmseMv, double subthresholdRmseMv,
                         double firstIsiData, double firstIsiModel, double lastIsiData, double lastIsiModel) {

    public static final double WINDOW_MS = CoincidenceFactor.DEFAULT_WINDOW_MS;

    public static SweepScore of(int sweep, double stimulusPa, double[] data, double[] model, double dtMs) {
        double[] td = SpikeTimes.detect(data, dtMs);
        double[] tm = SpikeTimes.detect(model, dtMs);
        double duration = data.length * dtMs;
        double se = 0;
        double sub = 0;
        int nSub = 0;
        for (int k = 0; k < data.length; k++) {
            double d = model[k] - data[k];
            se += d * d;
            if (data[k] < -50 && model[k] < -50) {
                sub += d * d;
                nSub++;
            }
        }
        double[] isiD = SpikeTrains.isis(td);
        double[] isiM = SpikeTrains.isis(tm);
        return new SweepScore(sweep, stimulusPa, CoincidenceFactor.rankingGamma(td, tm, WINDOW_MS, duration), td.length,
                tm.length, SpikeTrains.adaptationIndex(td), SpikeTrains.adaptationIndex(tm),
                Math.sqrt(se / data.length), nSub == 0 ? Double.NaN : Math.sqrt(sub / nSub),
                isiD.length > 0 ? isiD[0] : Double.NaN, isiM.length > 0 ? isiM[0] : Double.NaN,
                isiD.length > 0 ? isiD[isiD.length - 1] : Double.NaN,
                isiM.length > 0 ? isiM[isiM.length - 1] : Double.NaN);
    }

    /** Relative error of the adaptation index (NaN when the data has none). */
    public double adaptationError() {
        return Math.abs(adaptationModel - adaptationData) / Math.abs(adaptationData);
    }

    /**
     * One number for early stopping and model choice (higher is better): Γ, minus the relative spike-count
     * error, minus the relative last-ISI error (the summary statistic that carries adaptation), minus a
     * small subthreshold-voltage term that separates models with identical spike trains.
     */
    public double agreement() {
        double countErr = Math.abs(spikesModel - spikesData) / (double) Math.max(1, spikesData);
        double isiErr = 0;
        if (Double.isFinite(lastIsiData)) {
            isiErr = Double.isFinite(lastIsiModel)
                    ? Math.min(1, Math.abs(lastIsiModel - lastIsiData) / lastIsiData) : 1;
        }
        double subErr = Double.isFinite(subthresholdRmseMv) ? Math.min(1, subthresholdRmseMv / 10) : 1;
        return gamma - 0.5 * Math.min(1, countErr) - 0.5 * isiErr - 0.1 * subErr;
    }
}
