package org.patchpinn.symbolic;

import java.util.List;
import org.patchpinn.fit.FitSweep;
import org.patchpinn.fit.SweepRoles;
import org.patchpinn.fit.SweepValidation;
import org.patchpinn.fit.Validation;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.task.Progress;

/**
 * Closes the loop network → law → model: the network model (base + gated current with the tabulated learned
 * z∞, τz) and the law model (base + the same current with the discovered closed-form laws) are simulated on
 * held-out sweeps with the project simulator and scored the way {@code fit} scores its models (Γ at ±2 ms,
 * trace RMSE; {@link Validation}); and the laws are compared with the network functions they replace.
 */
public final class LawValidation {
    /** Voltage samples per mV when the laws are compared with the network functions. */
    private static final int SAMPLES_PER_MV = 4;

    private LawValidation() {
    }

    /** How far the laws stray from the network functions over the tabulated (data) range. */
    public record Deviation(double fromMv, double toMv, double zInfMaxAbs, double zInfWorstMv, double tauMaxAbsMs,
                            double tauMaxRel, double tauWorstMv) {
    }

    /** One model's held-out scores. */
    public record Score(String label, ModelSpec model, List<SweepValidation> sweeps) {
        public Score {
            sweeps = List.copyOf(sweeps);
        }

        /** Mean Γ over the held-out sweeps with spikes (data or model). */
        public double gamma() {
            return Validation.spikingGamma(sweeps, SweepRoles.TEST);
        }

        /** RMSE over all held-out samples (mV). */
        public double rmseMv() {
            return Validation.rmse(sweeps, SweepRoles.TEST);
        }
    }

    /** The base model with {@code I<name> = g·z·(V − E)}, z following the network's tabulated z∞ and τz. */
    public static ModelSpec networkModel(ModelSpec base, String name, double gNs, double eMv, LearnedFunctions net) {
        return base.withGatedCurrent(name, gNs, eMv, net.zInf(), net.tauMs());
    }

    /** Simulates a model on the held-out sweeps (from rest, on the recorded command) and scores it. */
    public static Score score(String label, ModelSpec model, List<FitSweep> heldOut, Progress progress) {
        progress.status("simulating the " + label + " model on " + heldOut.size() + " held-out sweep(s)");
        return new Score(label, model, Validation.evaluate(model, List.of(), heldOut, progress));
    }

    /** Largest |law − network| of z∞ and of τz (absolute, ms, and relative to the network) on its V range. */
    public static Deviation deviation(LearnedFunctions net, FoundLaw zInf, FoundLaw tauMs) {
        double from = net.fromMv();
        double to = net.toMv();
        int n = (int) Math.round((to - from) * SAMPLES_PER_MV) + 1;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + (to - from) * i / (n - 1);
        }
        double[] zl = zInf.at(v);
        double[] tl = tauMs.at(v);
        double zMax = 0;
        double zAt = Double.NaN;
        double tAbs = 0;
        double tRel = 0;
        double tAt = Double.NaN;
        for (int i = 0; i < n; i++) {
            double dz = Math.abs(zl[i] - net.zInf().value(v[i]));
            if (!(dz <= zMax)) {
                zMax = dz;
                zAt = v[i];
            }
            double tn = net.tauMs().value(v[i]);
            double dt = Math.abs(tl[i] - tn);
            tAbs = Math.max(tAbs, dt);
            double rel = dt / Math.abs(tn);
            if (!(rel <= tRel)) {
                tRel = rel;
                tAt = v[i];
            }
        }
        return new Deviation(from, to, zMax, zAt, tAbs, tRel, tAt);
    }
}
