package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.io.Recordings;
import org.patchpinn.sim.NoiseModel;
import org.patchpinn.sim.SyntheticRecording;
import org.patchpinn.sim.TestDataGenerator;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * Recordings simulated by the project's own models (test-data/, org.patchpinn.sim): spike times found in the
 * noisy recordings equal the peaks of the same simulation without noise.
 */
class ProjectSimulationTest {
    private static TestDataGenerator.DataSet dataSet(String name) {
        return TestDataGenerator.dataSets().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    /** Peak times (ms) of a noise-free trace: local maxima above -20 mV, one per excursion above it. */
    private static List<Double> truePeaks(double[] v, double dt) {
        List<Double> peaks = new ArrayList<>();
        int i = 0;
        while (i < v.length) {
            if (v[i] <= -20) {
                i++;
                continue;
            }
            int best = i;
            while (i < v.length && v[i] > -20) {
                if (v[i] > v[best]) {
                    best = i;
                }
                i++;
            }
            if (best > 0 && best < v.length - 1) {
                peaks.add(best * dt);
            }
        }
        return peaks;
    }

    private static void assertSpikesMatchTruth(Recording noisy, Recording clean, TestDataGenerator.DataSet d) {
        RecordingFeatures rf = RecordingFeatures.analyse(noisy, List.of(), SpikeDetectionSettings.defaults(), null,
                Progress.NONE);
        assertEquals(new StimulusWindow(d.stepStartMs(), d.stepStartMs() + d.stepMs()), rf.window());
        int total = 0;
        for (int k = 0; k < d.amplitudesPa().length; k++) {
            assertEquals(d.amplitudesPa()[k], rf.stimulusPa()[k], 1e-3, d.name() + " step " + k);
            List<Double> truth = truePeaks(clean.sweep(k).channel(0).toDoubleArray(), clean.dtMs());
            double[] found = rf.sweeps().get(k).spikeTimesMs();
            assertEquals(truth.size(), found.length, d.name() + " sweep " + k + " spike count");
            for (int i = 0; i < found.length; i++) {
                assertEquals(truth.get(i), found[i], 0.25, d.name() + " sweep " + k + " spike " + i);
            }
            total += found.length;
        }
        assertTrue(total >= 5, d.name() + ": the data set fires (" + total + " spikes)");
        List<CellFeatures.FiPoint> fi = rf.cell().fiCurve();
        for (int i = 1; i < fi.size(); i++) {
            assertTrue(fi.get(i).rateHz() >= fi.get(i - 1).rateHz(), d.name() + ": F-I curve is monotone");
        }
    }

    @Test
    void squidAxonStepsFromTestData() {
        TestDataGenerator.DataSet d = dataSet("hh_squid_steps");
        Recording file = Recordings.open(Path.of("test-data", d.name() + ".atf"));
        Recording clean = SyntheticRecording.generate(d.model(), d.params(), d.commands(), d.durationMs(), d.dtMs(),
                NoiseModel.NONE, d.seed());
        assertSpikesMatchTruth(file, clean, d);
    }

    @Test
    void adaptingRegularSpikingCell() {
        // The committed file adds OU current noise, which moves spikes; here only voltage noise is added so
        // that the noise-free simulation stays the truth.
        TestDataGenerator.DataSet d = dataSet("rs_adapting_steps");
        Recording noisy = SyntheticRecording.generate(d.model(), d.params(), d.commands(), d.durationMs(),
                d.dtMs(), NoiseModel.white(0.3), d.seed());
        Recording clean = SyntheticRecording.generate(d.model(), d.params(), d.commands(), d.durationMs(),
                d.dtMs(), NoiseModel.NONE, d.seed());
        assertSpikesMatchTruth(noisy, clean, d);
        // The M-current makes the cell adapt: intervals lengthen during the strongest step.
        SweepFeatures strongest = RecordingFeatures.analyse(noisy, List.of(2), SpikeDetectionSettings.defaults(),
                null, Progress.NONE).sweeps().get(0);
        assertTrue(strongest.get("adaptation_index2") > 0, "adaptation " + strongest.get("adaptation_index2"));
    }
}
