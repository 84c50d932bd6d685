package org.patchpinn.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.patchpinn.PatchPinnException;
import org.patchpinn.task.CancelledException;
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

    /**
     * Throws whatever the reader or the first (primary) fitter throws; the batch turns that into a failed
     * row. Later fitters and the features are extras: when they fail the recording is still analysed and
     * the row's message says what is missing and why.
     */
    public RecordingResult analyse(ManifestEntry entry, String fingerprint, Progress progress) {
        long t0 = System.nanoTime();
        Recording r = loader.apply(entry.file());
        Map<String, FitOutcome> fits = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (int k = 0; k < fitters.size(); k++) {
            RecordingFitter f = fitters.get(k);
            progress.checkCancelled();
            if (k == 0) {
                fits.put(f.name(), f.fit(r, progress));
                continue;
            }
            try {
                fits.put(f.name(), f.fit(r, progress));
            } catch (RuntimeException e) {
                if (e instanceof CancelledException c) {
                    throw c;
                }
                notes.add(f.name() + " fit failed: " + (e instanceof PatchPinnException ? "" : e.getClass().getSimpleName()
                        + ": ") + e.getMessage());
            }
        }
        RecordingFeatures feats;
        try {
            feats = features.extract(r);
        } catch (RuntimeException e) {
            feats = new RecordingFeatures(Map.of(), List.of());
            notes.add("features failed: " + e.getMessage());
        }
        return new RecordingResult(entry, RecordingResult.Status.OK, String.join("; ", notes), fingerprint, fits,
                feats, (System.nanoTime() - t0) / 1e9, false);
    }
}
