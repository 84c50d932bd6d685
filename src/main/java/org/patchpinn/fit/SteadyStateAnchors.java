package org.patchpinn.fit;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.patchpinn.features.PassiveSteps;

/**
 * The passive membrane of a cell that fires at the holding current (a pacemaker): it has no resting potential,
 * and its hyperpolarising steps seldom have the spike-free baseline a deflection is measured from, so where those
 * are missing ({@link #applies}) the fit anchors the membrane on what such a cell does have — the steady states its
 * hyperpolarising steps reach ({@link PassiveSteps.Level}). A line through those points (steady V against command)
 * gives the input resistance (its slope) and the two points the leak is solved through; the time constant is read on
 * the return from each step to the holding current, which starts from a steady state (a step's onset in a firing
 * cell starts wherever its cycle was). The result has the form {@link PassiveConstraint} reads: its "rest" and
 * "holding current" are the upper point, its step the way down to the lower one, so the model must pass through
 * both steady states but is free to fire at the holding current, where a rest anchor would silence it.
 */
final class SteadyStateAnchors {
    /** A cell fires at the holding current when at least this fraction of its sweeps fire before the first step. */
    static final double FIRING_FRACTION = 0.5;
    /** The levels must span at least this much current to give a slope (pA). */
    static final double MIN_SPAN_PA = 5;

    private SteadyStateAnchors() {
    }

    /** Sweeps that fire before their first command change. */
    static int firing(List<PassiveSteps> measured) {
        return (int) measured.stream().filter(PassiveSteps::firesAtHolding).count();
    }

    /** Whether the cell fires at the holding current on most of the sweeps. */
    static boolean firesAtHolding(List<PassiveSteps> measured) {
        return !measured.isEmpty() && firing(measured) >= FIRING_FRACTION * measured.size();
    }

    /**
     * Whether the membrane is read from the steady states: the cell fires at the holding current on most sweeps and
     * they give no rest anchor (no rest, {@link PassiveEstimate#restSweeps}: with no sweep quiescent at the holding
     * current such a cell has none; or no spike-free baseline before a hyperpolarising step). Where a rest is
     * measured, it anchors the fit as for any cell: a cell that fires at holding on some sweeps only (drifting, or
     * near threshold) and rests on others is measured best there.
     */
    static boolean applies(List<PassiveSteps> measured) {
        return firesAtHolding(measured) && !PassiveEstimate.ofMeasured(measured).anchorsRest();
    }

    /**
     * The estimate anchored on the steady states, or null where it does not apply ({@link #applies}), or the
     * spike-free hyperpolarising steps span less than {@value #MIN_SPAN_PA} pA, or V does not rise with the command
     * across them.
     */
    static PassiveEstimate of(List<PassiveSteps> measured) {
        return applies(measured) ? line(measured) : null;
    }

    /**
     * A cell's passive figures for the data-against-model comparison, where the cell fires at the holding current:
     * the rest of {@code ordinary} (median of the spike-free stretches before the first step, where there are
     * any), the input resistance and time constant read from the steady states as the fit reads them (NaN when
     * they cannot be). The model's simulation of the same sweeps is read the same way, whether or not it fires.
     */
    static PassiveEstimate membrane(PassiveEstimate ordinary, List<PassiveSteps> measured) {
        PassiveEstimate l = line(measured);
        return l == null ? new PassiveEstimate(ordinary.restMv(), Double.NaN, Double.NaN, 0, ordinary.holdingPa(),
                Double.NaN, Double.NaN, 0, false)
                : new PassiveEstimate(ordinary.restMv(), l.inputResistanceMOhm(), l.timeConstantMs(), l.steps(),
                ordinary.holdingPa(), l.stepPa(), l.stepMs(), 0, false);
    }

    /**
     * The return the cell's time constant was read on: from the median level of its hyperpolarising steps back to
     * the median holding current, with the rise the input resistance of {@code anchors} (their {@link #of}) gives.
     */
    static PassiveConstraint.ReturnStep returnStep(List<PassiveSteps> measured, PassiveEstimate anchors) {
        List<PassiveSteps.Level> levels = levels(measured);
        double level = PassiveEstimate.median(levels.stream().map(PassiveSteps.Level::commandPa).toList());
        double holding = PassiveEstimate.median(levels.stream().map(PassiveSteps.Level::holdingPa).toList());
        return new PassiveConstraint.ReturnStep(level, holding,
                anchors.inputResistanceMOhm() / 1000 * (holding - level));
    }

    private static List<PassiveSteps.Level> levels(List<PassiveSteps> measured) {
        return measured.stream().flatMap(p -> p.levels().stream()).toList();
    }

    /** The line through the steady states, or null (see {@link #of}). */
    private static PassiveEstimate line(List<PassiveSteps> measured) {
        List<PassiveSteps.Level> levels = levels(measured);
        SimpleRegression iv = new SimpleRegression();
        levels.forEach(l -> iv.addData(l.commandPa(), l.steadyMv()));
        double lo = levels.stream().mapToDouble(PassiveSteps.Level::commandPa).min().orElse(Double.NaN);
        double hi = levels.stream().mapToDouble(PassiveSteps.Level::commandPa).max().orElse(Double.NaN);
        double slope = iv.getSlope(); // mV/pA = GΩ
        if (!(hi - lo >= MIN_SPAN_PA) || !(slope > 0)) {
            return null;
        }
        List<Double> tau = new ArrayList<>();
        List<Double> duration = new ArrayList<>();
        for (PassiveSteps.Level l : levels) {
            duration.add(l.durationMs());
            double t = l.returnTimeConstantMs(slope * (l.holdingPa() - l.commandPa()));
            if (!Double.isNaN(t)) {
                tau.add(t);
            }
        }
        return new PassiveEstimate(iv.predict(hi), 1000 * slope, PassiveEstimate.median(tau), levels.size(),
                hi, lo - hi, PassiveEstimate.median(duration), 0, false);
    }
}
