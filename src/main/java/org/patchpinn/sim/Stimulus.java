package org.patchpinn.sim;

/** Injected current (pA, positive = depolarising) as a function of time since the start of a sweep (ms). */
@FunctionalInterface
public interface Stimulus {
    double currentPa(double tMs);

    /** How long the stimulus is defined (ms); simulating beyond it is an error. Infinite for formulas. */
    default double durationMs() {
        return Double.POSITIVE_INFINITY;
    }

    /** A short description for reports. */
    default String describe() {
        return "stimulus";
    }
}
