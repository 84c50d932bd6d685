package org.patchpinn.symbolic;

import org.patchpinn.model.ModelSpec;

/**
 * Puts discovered laws back into a mechanistic model: a gated current g·z·(V − E) whose gate z has the
 * steady state z∞(V) and time constant τz(V) found by symbolic regression, written as expressions so the
 * model file can be saved, read, edited and simulated like any other.
 */
public final class DiscoveredCurrent {
    /** Voltage range over which the laws are checked before they enter a model (mV). */
    public static final double CHECK_FROM_MV = -120;
    public static final double CHECK_TO_MV = 60;

    private DiscoveredCurrent() {
    }

    /**
     * The base model with the current {@code I<name> = g<name> · z<name> · (V − E<name>)} added.
     *
     * @throws SymbolicDataException when a law is not a function of V alone, or z∞ leaves [0, 1] or τ is not
     *                               positive and finite on −120…60 mV (the model could not be simulated)
     */
    public static ModelSpec add(ModelSpec base, String name, double gNs, double eMv, FoundLaw zInf, FoundLaw tauMs) {
        String z = zInf.voltageExpression();
        String tau = tauMs.voltageExpression();
        double[] v = new double[(int) (CHECK_TO_MV - CHECK_FROM_MV) * 2 + 1];
        for (int i = 0; i < v.length; i++) {
            v[i] = CHECK_FROM_MV + 0.5 * i;
        }
        double[] zv = zInf.at(v);
        double[] tv = tauMs.at(v);
        for (int i = 0; i < v.length; i++) {
            if (!(zv[i] >= -0.05 && zv[i] <= 1.05)) {
                throw new SymbolicDataException(zInf.source() + ": z_inf = " + z + " is " + zv[i] + " at V = " + v[i]
                        + " mV, outside [0, 1]; choose another law of the Pareto front");
            }
            if (!(tv[i] > 0) || !Double.isFinite(tv[i])) {
                throw new SymbolicDataException(tauMs.source() + ": tau = " + tau + " is " + tv[i] + " ms at V = " + v[i]
                        + " mV; a time constant must be positive");
            }
        }
        return base.withGatedCurrent(name, gNs, eMv, z, tau);
    }
}
