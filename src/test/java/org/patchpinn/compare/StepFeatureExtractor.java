package org.patchpinn.compare;

import static org.patchpinn.trace.CurrentClampSweep.Current.RECORDED;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.numeric.Median;
import org.patchpinn.trace.CurrentClampSweep;
import org.patchpinn.trace.Recording;

/**
 * Features of a current-step recording that the comparison reports per condition: resting potential (mean
 * V before the step), F–I curve (spikes during the step per second), rheobase (smallest step that fires)
 * and the maximal rate. Spikes are the project's spike times ({@link SpikeTimes}). A deliberately
 * small set, for tests that need features fast; the comparison itself uses {@link EfelFeatureExtractor}.
 */
public final class StepFeatureExtractor implements FeatureExtractor {
    @Override public String fingerprint() {
        return "step-features/2 spike=" + SpikeTimes.THRESHOLD_MV;
    }

    @Override public RecordingFeatures extract(Recording recording) {
        List<double[]> fi = new ArrayList<>();
        double restSum = 0;
        int restN = 0;
        for (CurrentClampSweep s : CurrentClampSweep.all(recording, RECORDED)) {
            double[] v = s.vMv();
            double[] i = s.iPa();
            double base = Median.upper(Arrays.copyOf(i, Math.max(1, i.length / 20)));
            double maxDev = 0;
            for (double x : i) {
                maxDev = Math.max(maxDev, Math.abs(x - base));
            }
            int on = -1;
            int off = -1;
            double sum = 0;
            for (int k = 0; k < i.length; k++) {
                if (maxDev > 0 && Math.abs(i[k] - base) > 0.5 * maxDev) {
                    if (on < 0) {
                        on = k;
                    }
                    off = k;
                    sum += i[k] - base;
                }
            }
            int restEnd = on < 0 ? v.length : on;
            for (int k = 0; k < restEnd; k++) {
                restSum += v[k];
                restN++;
            }
            if (on < 0) {
                fi.add(new double[] {0, 0});
                continue;
            }
            double amp = sum / (off - on + 1);
            double durMs = (off - on + 1) * s.dtMs();
            int end = Math.min(v.length, off + 1 + (int) (5 / s.dtMs()));
            int spikes = SpikeTimes.countIn(SpikeTimes.detect(v, s.dtMs()), on * s.dtMs(), end * s.dtMs());
            fi.add(new double[] {amp, spikes / durMs * 1000.0});
        }
        fi.sort((a, b) -> Double.compare(a[0], b[0]));
        Map<String, Estimate> f = new LinkedHashMap<>();
        f.put("resting_potential", Estimate.of(restN == 0 ? Double.NaN : restSum / restN, "mV"));
        double rheo = Double.NaN;
        double maxRate = 0;
        for (double[] p : fi) {
            if (p[1] > 0 && p[0] > 0 && Double.isNaN(rheo)) {
                rheo = p[0];
            }
            maxRate = Math.max(maxRate, p[1]);
        }
        f.put("rheobase", Estimate.of(rheo, "pA"));
        f.put("max_rate", Estimate.of(maxRate, "Hz"));
        return new RecordingFeatures(f, fi);
    }
}
