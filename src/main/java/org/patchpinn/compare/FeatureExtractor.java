package org.patchpinn.compare;

import org.patchpinn.trace.Recording;

/**
 * Per-recording electrophysiological features for the comparison (resting potential, F–I curve,
 * rheobase). {@link EfelFeatureExtractor} is the one the comparison uses (org.patchpinn.features plugged in
 * here); tests plug in a smaller one.
 */
public interface FeatureExtractor {
    String fingerprint();

    RecordingFeatures extract(Recording recording);
}
