package org.patchpinn.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Features of one recording: scalar features with units (e.g. "resting_potential" in mV) and the F–I
 * curve as (step current pA, firing rate Hz) points, one per sweep.
 */
public record RecordingFeatures(Map<String, Estimate> scalars, List<double[]> fi) {
    public RecordingFeatures {
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        fi = List.copyOf(fi);
    }
}
