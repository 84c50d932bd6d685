package org.patchpinn.compare;

import com.google.gson.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link RecordingFitter} found: named parameters (e.g. "g_lin") with unit and interval, and the
 * fitter's own details for later stages (e.g. the subthreshold normal equations that a cell's recordings
 * are pooled by), kept as JSON so they survive a saved and resumed batch.
 */
public record FitOutcome(Map<String, Estimate> parameters, JsonObject details) {
    public FitOutcome {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
