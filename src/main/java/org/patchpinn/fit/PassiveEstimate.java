package org.patchpinn.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.patchpinn.features.PassiveSteps;
import org.patchpinn.numeric.Median;

/**
 * A cell's passive properties read off its traces, the same way for data and model: the medians over the traces
 * of {@link PassiveSteps} (rest before the first command change, on the traces {@link #restSweeps}; input
 * resistance ΔV/ΔI and membrane time constant of every spike-free hyperpolarising step from holding, prepulses
 * included). C ≈ τ / Rin for a single compartment.
 *
 * @param restMv                 median resting potential over the sweeps (mV)
 * @param inputResistanceMOhm    median ΔV/ΔI over the hyperpolarising steps (MΩ), at the steady state or, where
 *                               {@code beforeSag}, at the peak of the steps that sag
 * @param timeConstantMs         median time constant (ms)
 * @param steps                  hyperpolarising steps measured
 * @param holdingPa              median command before the first change (pA): the current that holds rest
 * @param stepPa                 median current step of the measured steps (pA, negative)
 * @param stepMs                 median duration of the measured steps (ms)
 * @param sagSteps               measured steps that sag ({@link PassiveSteps.Step#sags})
 * @param beforeSag              whether the input resistance was read before the sag (at the peak of the steps
 *                               that sag): the membrane of a model that lacks the sag current
 */
public record PassiveEstimate(double restMv, double inputResistanceMOhm, double timeConstantMs, int steps,
                              double holdingPa, double stepPa, double stepMs, int sagSteps, boolean beforeSag) {
    /** Segments shorter than this are not measured (ms). */
    static final double MIN_SEGMENT_MS = PassiveSteps.MIN_SEGMENT_MS;

    /** One trace with its command (pA), both sampled every dtMs. */
    public record Trace(double[] vMv, double[] commandPa, double dtMs) { }

    /** Single-compartment capacitance τ/Rin (pF), NaN when either is unknown. */
    public double capacitancePf() {
        return 1000 * timeConstantMs / inputResistanceMOhm;
    }

    /**
     * Whether the membrane was measured (a hyperpolarising step with its input resistance and time constant): where
     * it was not, a fit has no other view of the capacitance and leak than the charging before spikes.
     */
    public boolean measured() {
        return steps > 0 && Double.isFinite(capacitancePf());
    }

    /**
     * Whether a rest and a hyperpolarising step were measured, the two points {@link PassiveConstraint} solves the
     * leak through.
     */
    public boolean anchorsRest() {
        return measured() && Double.isFinite(restMv) && stepPa < 0;
    }

    public static PassiveEstimate of(List<Trace> traces) {
        return ofMeasured(traces.stream().map(t -> PassiveSteps.of(t.vMv(), t.commandPa(), t.dtMs())).toList());
    }

    /** The estimate from traces already measured (one {@link PassiveSteps} per trace). */
    static PassiveEstimate ofMeasured(List<PassiveSteps> measured) {
        return ofMeasured(measured, false);
    }

    static PassiveEstimate ofMeasured(List<PassiveSteps> measured, boolean beforeSag) {
        List<Double> rest = new ArrayList<>();
        List<Double> rin = new ArrayList<>();
        List<Double> tau = new ArrayList<>();
        List<Double> holding = new ArrayList<>();
        List<Double> step = new ArrayList<>();
        List<Double> duration = new ArrayList<>();
        int sag = 0;
        for (PassiveSteps p : restSweeps(measured)) {
            rest.add(p.restMv());
            holding.add(p.holdingPa());
        }
        for (PassiveSteps p : measured) {
            for (PassiveSteps.Step s : p.steps()) {
                rin.add(beforeSag ? s.resistanceBeforeSagMOhm() : s.resistanceMOhm());
                sag += s.sags() ? 1 : 0;
                step.add(s.deltaPa());
                duration.add(s.durationMs());
                if (!Double.isNaN(s.timeConstantMs())) {
                    tau.add(s.timeConstantMs());
                }
            }
        }
        return new PassiveEstimate(median(rest), median(rin), median(tau), rin.size(), median(holding),
                median(step), median(duration), sag, beforeSag);
    }

    /**
     * The traces whose stretch before the first command change is the cell's rest: those on which the cell fires
     * nowhere at the holding current ({@link PassiveSteps#quiescent}) — a cell that fires there later on the same
     * trace was between spikes (on 17o05028, sweep 0's -43.5 mV, followed by spontaneous firing). Where no trace is
     * quiescent, a cell that fires before its first command change on most traces has no rest (it is read on the
     * steady states of its steps, {@link SteadyStateAnchors}: a spike-free stretch before one step is the way from
     * one spike to the next, and a step measured from it gave Rin −22 %); any other cell is read on its spike-free
     * stretches before the first change, as before this rule.
     */
    static List<PassiveSteps> restSweeps(List<PassiveSteps> measured) {
        List<PassiveSteps> withRest = measured.stream().filter(p -> !Double.isNaN(p.restMv())).toList();
        List<PassiveSteps> quiescent = withRest.stream().filter(PassiveSteps::quiescent).toList();
        if (!quiescent.isEmpty()) {
            return quiescent;
        }
        return SteadyStateAnchors.firesAtHolding(measured) ? List.of() : withRest;
    }

    /**
     * Why {@link #restSweeps} found no rest on these traces: none has a spike-free stretch of {@value
     * PassiveSteps#MIN_REST_MS} ms before its first command change, or the cell fires at the holding current.
     */
    static String whyNoRest(List<PassiveSteps> measured) {
        return measured.stream().anyMatch(p -> !Double.isNaN(p.restMv()))
                ? "the cell fires at the holding current on the training sweeps"
                : String.format(Locale.ROOT, "no training sweep has a spike-free stretch of %.0f ms or more before its "
                + "first command change", PassiveSteps.MIN_REST_MS);
    }

    static double median(List<Double> x) {
        return Median.of(x.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
