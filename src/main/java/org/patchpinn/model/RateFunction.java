package org.patchpinn.model;

/**
 * A function of membrane voltage alone: a rate (1/ms), a steady state (dimensionless) or a time constant
 * (ms). Implementations must be cheap and thread-safe; the simulator tabulates them once per run, so they
 * are never evaluated from text in the inner loop.
 */
@FunctionalInterface
public interface RateFunction {
    double value(double vMv);
}
