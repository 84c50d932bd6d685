package org.patchpinn.compare;

import java.util.List;
import org.patchpinn.fit.FitObjective;
import org.patchpinn.fit.FitSweep;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;
import org.patchpinn.task.Progress;

/**
 * A cell's model refitted over all of the cell's recordings at once, with no condition effect: its free parameters
 * shared by the recordings (one Cm, one gNa, one set of kinetics per cell, as the cell has). Why: the base a
 * comparison starts from was one recording's own fit (or a median of them), which carries that recording's
 * compensations — two sweeps do not tell gNa from ENa, nor a learned slow K current from gNa — and scores that
 * recording near zero; every mechanism was then judged against it. The search is coordinate-wise, each free
 * parameter in the model's order by the grid and golden-section search the mechanisms' own parameters get
 * ({@link MechanismComparison#minimise}), over ×/÷{@value #FACTOR} (log-scale parameters) or ±{@value #SPAN} (others,
 * in their unit): deterministic and cheap. Tried and dropped: a local CMA-ES (on spiking recordings the loss is so
 * rugged in nine parameters at once that most runs found no better point) and a base refitted per mechanism (which
 * mechanism's search found a better base decided the ranking). The loss is the ranking's: the geometric mean over
 * the recordings of the classic fit's coarse trace loss.
 */
final class SharedCellBase {
    /** Search interval of a log-scale parameter: its value ×/÷ this. */
    static final double FACTOR = 2;
    /** Search interval of any other parameter: its value ± this (mV for potentials). */
    static final double SPAN = 10;

    private SharedCellBase() {
    }

    /**
     * @param base       the cell's model (its free parameters are refitted)
     * @param recordings the cell's recordings
     * @param passes     coordinate-wise passes over the free parameters
     * @return the refitted model; {@code base} itself when no parameter moved
     */
    static ModelSpec refit(ModelSpec base, List<List<FitSweep>> recordings, int passes, Progress progress) {
        List<FitObjective> objectives = recordings.stream().map(s -> new FitObjective(base, s, Progress.NONE)).toList();
        double[] values = base.values();
        double best = loss(values, objectives);
        boolean moved = false;
        for (int pass = 0; pass < passes; pass++) {
            for (String name : base.freeParameters()) {
                progress.checkCancelled();
                Parameter p = base.parameter(name);
                int k = base.indexOf(name);
                double[] range = range(p, values[k]);
                double[] r = MechanismComparison.minimise(t -> {
                    double[] v = values.clone();
                    v[k] = value(p, t);
                    return loss(v, objectives);
                }, range[0], range[1]);
                // the grid need not hit the current value: a parameter moves only when the loss falls
                if (r[1] < best) {
                    values[k] = value(p, r[0]);
                    best = r[1];
                    moved = true;
                }
            }
        }
        return moved ? base.withValues(values) : base;
    }

    /** The search interval on the parameter's scale (log for log-scale ones), inside its bounds. */
    private static double[] range(Parameter p, double v) {
        if (p.logScale()) {
            return new double[] {Math.log(Math.max(v / FACTOR, p.lower())), Math.log(Math.min(v * FACTOR, p.upper()))};
        }
        return new double[] {Math.max(v - SPAN, p.lower()), Math.min(v + SPAN, p.upper())};
    }

    /** A point of the search scale back to the parameter's value, inside its bounds. */
    private static double value(Parameter p, double t) {
        double v = p.logScale() ? Math.exp(t) : t;
        return Math.max(p.lower(), Math.min(p.upper(), v));
    }

    /** Geometric mean over the recordings of the coarse loss. */
    private static double loss(double[] values, List<FitObjective> objectives) {
        return MechanismComparison.geometricMean(objectives.stream()
                .mapToDouble(o -> o.coarseLoss(values, MechanismComparison.STEP_MS)).toArray());
    }
}
