package org.patchpinn.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One recording in the comparison: its batch result and every quantity derived for it (cell-pooled
 * membrane parameters, features, the decomposed extra conductance), which the statistics run over.
 */
public final class RecordingRow {
    private final RecordingResult result;
    private final Map<String, Quantity> quantities = new LinkedHashMap<>();

    RecordingRow(RecordingResult result) {
        this.result = result;
    }

    public RecordingResult result() {
        return result;
    }

    public ManifestEntry entry() {
        return result.entry();
    }

    public Map<String, Quantity> quantities() {
        return Collections.unmodifiableMap(quantities);
    }

    void put(String name, Quantity q) {
        quantities.put(name, q);
    }

    public double value(String name) {
        Quantity q = quantities.get(name);
        return q == null ? Double.NaN : q.value();
    }
}
