package org.patchpinn.model;

/**
 * A gate's steady state and time constant as functions of V, with parameter values already bound: what
 * the simulator tabulates. Rates given as α, β are converted here (x∞ = α/(α+β), τ = 1/(α+β)).
 */
public record GateKinetics(RateFunction inf, RateFunction tauMs) {
}
