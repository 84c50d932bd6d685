package org.patchpinn.fit;

/**
 * Forwarder to {@link org.patchpinn.features.CoincidenceFactor}, the one Γ, kept only while StagedFit (edited
 * elsewhere) still names it by its simple name; once it imports {@code org.patchpinn.features.CoincidenceFactor},
 * delete this file. Add no callers.
 */
@Deprecated
public final class CoincidenceFactor {
    private CoincidenceFactor() {
    }

    public static double gamma(double[] dataMs, double[] modelMs, double durationMs) {
        return org.patchpinn.features.CoincidenceFactor.gamma(dataMs, modelMs, durationMs);
    }
}
