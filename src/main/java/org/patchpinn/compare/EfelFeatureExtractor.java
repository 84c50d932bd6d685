package org.patchpinn.compare;

import static org.patchpinn.features.RecordingFeatures.analyse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpinn.features.CellFeatures;
import org.patchpinn.features.FeatureNames;
import org.patchpinn.features.SpikeDetectionSettings;
import org.patchpinn.features.SweepFeatures;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * The project's eFEL-compatible features (org.patchpinn.features) for the comparison: resting potential
 * (voltage_base averaged over sweeps), the cell's F–I curve, rheobase, F–I slope, maximal rate, input
 * resistance and time constant (from hyperpolarising sweeps, NaN without them), and spike shape averaged
 * over the sweeps that fire.
 */
public final class EfelFeatureExtractor implements FeatureExtractor {
    private static final List<String> CELL = List.of(FeatureNames.RHEOBASE, FeatureNames.FI_SLOPE,
            FeatureNames.MAX_FIRING_RATE, FeatureNames.INPUT_RESISTANCE, FeatureNames.TIME_CONSTANT);
    private static final List<String> SPIKE_SHAPE = List.of(FeatureNames.AP_AMPLITUDE, FeatureNames.AP_BEGIN_VOLTAGE,
            FeatureNames.SPIKE_HALF_WIDTH, FeatureNames.AHP_DEPTH);

    private final SpikeDetectionSettings settings = SpikeDetectionSettings.defaults();

    @Override public String fingerprint() {
        return "efel-features/1 " + settings;
    }

    @Override public RecordingFeatures extract(Recording recording) {
        // the core's features (this package's RecordingFeatures is the comparison's own value type)
        var rf = analyse(recording, List.of(), settings, null, Progress.NONE);
        Map<String, Estimate> f = new LinkedHashMap<>();
        f.put("resting_potential", Estimate.of(meanOver(rf.sweeps(), FeatureNames.VOLTAGE_BASE, false), "mV"));
        CellFeatures cell = rf.cell();
        for (String name : CELL) {
            f.put(name, Estimate.of(cell.get(name), unit(name)));
        }
        for (String name : SPIKE_SHAPE) {
            f.put(name, Estimate.of(meanOver(rf.sweeps(), name, true), unit(name)));
        }
        List<double[]> fi = new ArrayList<>();
        cell.fiCurve().forEach(p -> fi.add(new double[] {p.currentPa(), p.rateHz()}));
        return new RecordingFeatures(f, fi);
    }

    private static String unit(String name) {
        String u = FeatureNames.unitOf(name);
        return u == null ? "" : u;
    }

    private static double meanOver(List<SweepFeatures> sweeps, String name, boolean spikingOnly) {
        double s = 0;
        int n = 0;
        for (SweepFeatures sw : sweeps) {
            if (spikingOnly && sw.spikes().isEmpty()) {
                continue;
            }
            double v = sw.get(name);
            if (Double.isFinite(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
