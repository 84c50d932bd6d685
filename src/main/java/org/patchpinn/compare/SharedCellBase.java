package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.List;
import org.patchpinn.fit.CmaesSearch;
import org.patchpinn.fit.FitObjective;
import org.patchpinn.fit.FitSweep;
import org.patchpinn.fit.ParameterSpace;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.task.Progress;

/**
 * A cell's base refitted over all of the cell's recordings at once, for one mechanism: the base's parameters are
 * shared by the recordings (one Cm, one gNa, one set of kinetics per cell, as the cell has), the mechanism's
 * parameter stays one per recording, held at the values given. Why: a base taken from one recording's own fit
 * carries that recording's compensations — two sweeps do not tell gNa from ENa, nor a learned slow K current from
 * gNa — and a mechanism refitted on it is judged against them; refitted for each mechanism, the base is the best
 * cell that mechanism allows, so the mechanisms compete on the same terms. A refinement around the given base
 * (CMA-ES with a small step in {@link ParameterSpace}'s unit cube), not a new search; the loss is the ranking's:
 * the geometric mean over the recordings of the classic fit's coarse trace loss.
 */
final class SharedCellBase {
    /** Step size in the unit cube: about ×1.2 on a conductance's log range, 5 mV on a reversal's. */
    static final double SIGMA = 0.04;
    /** Stop when this many evaluations bring no relative improvement of 1e-4. */
    static final int STALL = 60;

    private SharedCellBase() {
    }

    /** The refitted base and each recording's loss on it at the mechanism values it was refitted for. */
    record Refit(ModelSpec base, double[] loss) { }

    /**
     * @param base       the cell's model as the mechanism sees it (for an extra conductance: with its current)
     * @param parameter  the mechanism's per-recording parameter, or null for "no condition effect"
     * @param recordings the cell's recordings
     * @param theta      each recording's value of {@code parameter} (unused when it is null)
     * @param budget     CMA-ES evaluations (each simulates all the cell's recordings)
     * @return the refitted base (its {@code parameter} left as in {@code base}; {@code base} itself when nothing
     *         is free to share or no point beat it) with each recording's loss on it
     */
    static Refit refit(ModelSpec base, String parameter, List<List<FitSweep>> recordings, double[] theta,
                           int budget, long seed) {
        List<String> shared = new ArrayList<>(base.freeParameters());
        shared.remove(parameter);
        shared.remove(Mechanism.EXTRA_G);
        shared.remove(Mechanism.EXTRA_E);
        ModelSpec spec = base.withFree(shared);
        List<FitObjective> objectives = recordings.stream()
                .map(s -> new FitObjective(spec, s, Progress.NONE)).toList();
        int index = parameter == null ? -1 : spec.indexOf(parameter);
        double[] before = losses(spec.values(), objectives, index, theta);
        if (shared.isEmpty() || budget <= 0) {
            return new Refit(base, before);
        }
        ParameterSpace space = new ParameterSpace(spec);
        int population = 4 + (int) Math.floor(3 * Math.log(space.dimension()));
        CmaesSearch.Result r = CmaesSearch.minimise(
                u -> MechanismComparison.geometricMean(losses(space.toFull(u), objectives, index, theta)),
                space.toUnit(spec.values()), SIGMA, population, budget, STALL, seed, (n, best) -> { });
        if (!(r.loss() < MechanismComparison.geometricMean(before))) {
            return new Refit(base, before);
        }
        double[] values = space.toFull(r.u());
        return new Refit(base.withValues(values), losses(values, objectives, index, theta));
    }

    /** Each recording's coarse loss, at its own mechanism value. */
    private static double[] losses(double[] shared, List<FitObjective> objectives, int index, double[] theta) {
        double[] out = new double[objectives.size()];
        for (int i = 0; i < objectives.size(); i++) {
            double[] v = shared.clone();
            if (index >= 0) {
                v[index] = theta[i];
            }
            out[i] = objectives.get(i).coarseLoss(v, MechanismComparison.STEP_MS);
        }
        return out;
    }
}
