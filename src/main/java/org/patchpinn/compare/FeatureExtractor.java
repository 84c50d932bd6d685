package org.patchpinn.compare;

import org.patchpinn.trace.Recording;

/**
 * Per-recording electrophysiological features for the comparison (resting potential, F–I curve,
 * rheobase). {@link StepFeatureExtractor} is the built-in one; org.patchpinn.features plugs in here.
 */
public interface FeatureExtractor {
    String fingerprint();

    RecordingFeatures extract(Recording recording);
}
