package org.patchpinn.trace;

import java.util.Objects;

/** One recorded signal: its name as the acquisition software wrote it and its unit (e.g. "mV", "pA"). */
public record Channel(String name, String unit) {
    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
    }
}
