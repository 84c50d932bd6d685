package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patchpinn.PatchPinnException;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;

class RecordingAnalyzerTest {
    private static final ManifestEntry ENTRY = new ManifestEntry(1, "x.atf", Path.of("x.atf"), 1, "c", Map.of(), "");

    /** The synthetic recording with its current as a second channel instead of the command waveform. */
    private static Recording currentAsChannel() {
        Recording r = SyntheticCell.at(0, 1).record(new double[] {-80, 30}, 300, 0.3, 5);
        Recording.Builder b = Recording.builder().format("simulated", "").sampleRateHz(r.sampleRateHz())
                .channel("Vm", "mV").channel("Im", "pA");
        for (Sweep s : r.sweeps()) {
            b.sweep(new Sweep(List.of(s.channel(0), s.command()), null));
        }
        return b.build();
    }

    @Test
    void failingExtrasAreNotedAndThePrimaryFitStands() {
        RecordingFitter broken = new RecordingFitter() {
            @Override public String name() { return "broken"; }
            @Override public String fingerprint() { return "broken"; }
            @Override public FitOutcome fit(Recording recording, Progress progress) {
                throw new PatchPinnException("no luck");
            }
        };
        RecordingAnalyzer a = new RecordingAnalyzer(p -> currentAsChannel(),
                List.of(new SubthresholdFitter(SubthresholdSettings.DEFAULT), broken), new EfelFeatureExtractor());
        RecordingResult r = a.analyse(ENTRY, "fp", Progress.NONE);
        assertTrue(r.ok());
        assertEquals(3.0 + SyntheticCell.law(1), r.fits().get("subthreshold").parameters().get("g_lin").value(), 0.3);
        assertTrue(r.message().contains("broken fit failed: no luck"), r.message());
        assertTrue(r.message().contains("features failed"), r.message());
    }

    @Test
    void aFailingPrimaryFitFailsTheRecording() {
        RecordingAnalyzer a = new RecordingAnalyzer(p -> new SyntheticCell(100, 3, -20, 0, -90, 0, -90)
                .record(new double[] {0}, 10, 0, 1), List.of(new SubthresholdFitter(SubthresholdSettings.DEFAULT)),
                new StepFeatureExtractor());
        PatchPinnException e = assertThrows(PatchPinnException.class, () -> a.analyse(ENTRY, "fp", Progress.NONE));
        assertTrue(e.getMessage().contains("below -55.0 mV"), e.getMessage());
    }
}
