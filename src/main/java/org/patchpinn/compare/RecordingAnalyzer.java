package org.patchpinn.compare;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * Analyses one recording: reads it, fits it with every fitter and measures its features. Nothing here is
 * shared between recordings, so many run at once.
 */
public final class RecordingAnalyzer {
    private final Function<Path, Recording> loader;
    private final List<RecordingFitter> fitters;
    private final FeatureExtractor features;

    public RecordingAnalyzer(Function<Path, Recording> loader, List<RecordingFitter> fitters,
                             FeatureExtractor features) {
        this.loader = loader;
        this.fitters = List.copyOf(fitters);
        this.features = features;
    }

    /** Settings that decide whether a saved result can be reused. */
    public String settingsFingerprint() {
        return fitters.stream().map(f -> f.name() + "[" + f.fingerprint() + "]").collect(Collectors.joining(" "))
                + " features[" + features.fingerprint() + "]";
    }

    /** Throws whatever the reader or a fitter throws; the batch turns that into a failed row. */
    public RecordingResult analyse(ManifestEntry entry, String fingerprint, Progress progress) {
        long t0 = System.nanoTime();
        Recording r = loader.apply(entry.file());
        Map<String, FitOutcome> fits = new LinkedHashMap<>();
        for (RecordingFitter f : fitters) {
            progress.checkCancelled();
            fits.put(f.name(), f.fit(r, progress));
        }
        RecordingFeatures feats = features.extract(r);
        return new RecordingResult(entry, RecordingResult.Status.OK, "", fingerprint, fits, feats,
                (System.nanoTime() - t0) / 1e9, false);
    }
}
