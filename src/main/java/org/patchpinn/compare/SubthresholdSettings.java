package org.patchpinn.compare;

/**
 * How subthreshold windows are chosen: windows of {@code windowMs} in which V stays below
 * {@code thresholdMv} and no sample within {@code marginMs} crosses it (spikes and their fast after-currents
 * are left out, where a linear membrane plus the slow current would not describe the cell), and the
 * {@code structure} whose slow gate (kinetics and reversal) the analysis drives with the measured V.
 */
public record SubthresholdSettings(double windowMs, double thresholdMv, double marginMs,
                                   SubthresholdStructure structure) {
    public static final SubthresholdSettings DEFAULT = new SubthresholdSettings(2.0, -55.0, 3.0,
            SubthresholdStructure.DEFAULT);

    /** The same windows on another structure. */
    public SubthresholdSettings withStructure(SubthresholdStructure s) {
        return new SubthresholdSettings(windowMs, thresholdMv, marginMs, s);
    }

    /** Text that changes whenever a result would, for resuming a batch. */
    public String fingerprint() {
        return "subthreshold/2 window=" + windowMs + " threshold=" + thresholdMv + " margin=" + marginMs
                + " " + structure.fingerprint();
    }
}
