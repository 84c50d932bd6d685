package org.patchpinn.compare;

/**
 * How subthreshold windows are chosen: windows of {@code windowMs} in which V stays below
 * {@code thresholdMv} and no sample within {@code marginMs} crosses it (spikes and their fast after-currents
 * are left out, where a linear membrane plus the M-current would not describe the cell), and the potassium
 * reversal of the M-current, {@code ekMv}.
 */
public record SubthresholdSettings(double windowMs, double thresholdMv, double marginMs, double ekMv) {
    public static final SubthresholdSettings DEFAULT = new SubthresholdSettings(2.0, -55.0, 3.0, -90.0);

    /** Text that changes whenever a result would, for resuming a batch. */
    public String fingerprint() {
        return "subthreshold/1 window=" + windowMs + " threshold=" + thresholdMv + " margin=" + marginMs
                + " ek=" + ekMv;
    }
}
