package org.patchpinn.features;

/**
 * The interval during which the stimulus (usually a current step) is applied, in ms from the start of the
 * sweep. Found from the command waveform by {@link StimulusWindows}; the user can override it.
 *
 * @param startMs stimulus onset (ms)
 * @param endMs   stimulus offset (ms), after {@code startMs}
 */
public record StimulusWindow(double startMs, double endMs) {
    public StimulusWindow {
        if (!Double.isFinite(startMs) || !Double.isFinite(endMs) || startMs < 0 || endMs <= startMs) {
            throw new IllegalArgumentException("stimulus window must satisfy 0 <= start < end, got ["
                    + startMs + ", " + endMs + "] ms");
        }
    }

    public double durationMs() {
        return endMs - startMs;
    }

    /** Whether {@code tMs} lies in the window, ends included (as eFEL counts spikes in the stimulus). */
    public boolean contains(double tMs) {
        return tMs >= startMs && tMs <= endMs;
    }
}
