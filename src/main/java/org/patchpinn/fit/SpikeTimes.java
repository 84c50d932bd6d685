package org.patchpinn.fit;

/**
 * Forwarder to {@link org.patchpinn.features.SpikeTimes}, the one spike-time detector, kept only while
 * StagedFit, PassiveEstimate, StepSummary and CellComparison (edited elsewhere) still name it by its simple
 * name; once they import {@code org.patchpinn.features.SpikeTimes}, delete this file. Add no callers.
 */
@Deprecated
public final class SpikeTimes {
    private SpikeTimes() {
    }

    public static double[] detect(double[] vMv, double dtMs) {
        return org.patchpinn.features.SpikeTimes.detect(vMv, dtMs);
    }
}
