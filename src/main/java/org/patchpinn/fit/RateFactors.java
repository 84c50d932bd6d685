package org.patchpinn.fit;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.patchpinn.model.CompiledGate;
import org.patchpinn.model.GateKinetics;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;
import org.patchpinn.numeric.Median;
import org.patchpinn.report.Json;

/**
 * The rate factors of a model's spike-generating gates, measured from the cell's own spikes: cells recorded at room
 * temperature fire spikes two to three times broader than kinetics measured near 36 °C give (a Q10 of 3 over 13 °C
 * is a factor 4). The measurement is the factor at which the start model's first-spike half-width matches the
 * training sweeps'. {@link StagedFit} searches the factors only within {@link #BAND} of it, in a second active stage
 * run only where the model's own factors lie outside that band, and the selection sweeps choose between the two
 * active stages. Why not free them: searched over [0.1, 5] they found broad spikes from a tenfold lower sodium
 * conductance on File_axon_5, whose spikes are narrow (session 14). Why not the band alone: on 171116sh_0018 (factor
 * measured 0.45) the band's best training loss was 31.9 against 25.3 with the factors at 1, and rheobase moved two
 * steps; on File_axon_5 (0.76) it found the broad spikes again at the same training loss.
 * A rate factor is read from the model itself, as {@link FitStage} reads stages: a free parameter of the active
 * stage that every gate reading it has as a pure rate factor (doubling it halves τ and leaves the steady state),
 * e.g. traub-rs-m's {@code qNa} and {@code qK}. All of them start at one common factor (temperature speeds every
 * channel alike).
 */
final class RateFactors {
    /** Band of the searches around the measured start: ×1/1.5…1.5. */
    static final double BAND = 1.5;
    /** Factors tried from the lower to the upper bound, evenly on a log scale. */
    static final int GRID = 13;
    private static final double[] PROBE_MV = {-80, -55, -30, 0, 30};

    private RateFactors() {
    }

    /** The free rate factors of the active stage's gates (see the class comment), in parameter order. */
    static List<String> of(ModelSpec spec, Map<String, FitStage> stages) {
        List<String> out = new ArrayList<>();
        double[] x = spec.values();
        for (String name : spec.freeParameters()) {
            int i = spec.indexOf(name);
            if (stages.get(name) != FitStage.ACTIVE || !(x[i] > 0)) {
                continue;
            }
            List<CompiledGate> reading = spec.compiledGates().stream()
                    .filter(g -> IntStream.of(g.parameterIndices()).anyMatch(k -> k == i)).toList();
            if (!reading.isEmpty() && reading.stream().allMatch(g -> scalesRates(g, x, i))) {
                out.add(name);
            }
        }
        return out;
    }

    private static boolean scalesRates(CompiledGate g, double[] x, int i) {
        double[] doubled = x.clone();
        doubled[i] = 2 * x[i];
        GateKinetics a = g.bind(x);
        GateKinetics b = g.bind(doubled);
        for (double v : PROBE_MV) {
            double inf = a.inf().value(v);
            double tau = a.tauMs().value(v);
            if (!(Math.abs(b.inf().value(v) - inf) <= 1e-9 + 1e-6 * Math.abs(inf))
                    || !(Math.abs(2 * b.tauMs().value(v) - tau) <= 1e-9 + 1e-6 * Math.abs(tau))) {
                return false;
            }
        }
        return true;
    }

    /** The measured start: the common factor, the half-widths it was matched on, and the start values. */
    record Start(double factor, double dataHalfWidthMs, double modelHalfWidthMs, double[] values) {
        /** Whether a factor of the model lies outside the band around the measured one. */
        boolean departs(ModelSpec spec, List<String> names) {
            return names.stream().map(spec::parameter).anyMatch(p -> p.value() < factor / BAND
                    || p.value() > factor * BAND);
        }

        JsonObject json(List<String> names, boolean secondStage) {
            JsonObject o = new JsonObject();
            o.add("parameters", Json.toTree(names));
            o.add("factor", Json.number(factor));
            o.add("data_half_width_ms", Json.number(dataHalfWidthMs));
            o.add("model_half_width_ms", Json.number(modelHalfWidthMs));
            o.addProperty("second_active_stage", secondStage);
            o.addProperty("rule", "the common factor of the grid (" + GRID + " values over the bounds, log scale) "
                    + "whose start model's median first-spike half-width on the training sweeps is closest to the "
                    + "data's; when a model value lies outside x1/" + BAND + "..." + BAND + " of it, a second active "
                    + "stage searches the factors within that band and the selection sweeps choose between the two");
            return o;
        }
    }

    /**
     * The common factor whose model (every other value as in {@code start}, completed by the passive constraint)
     * fires first spikes on the training sweeps with the median half-width closest to the data's; null when the
     * data or no tried model fires.
     */
    static Start measure(ModelSpec spec, List<String> factors, double[] start, UnaryOperator<double[]> complete,
                         FeatureObjective training) {
        double data = training.dataHalfWidthMs();
        if (factors.isEmpty() || !Double.isFinite(data)) {
            return null;
        }
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        for (String n : factors) {
            Parameter p = spec.parameter(n);
            lo = Math.max(lo, p.lower());
            hi = Math.min(hi, p.upper());
        }
        if (!(lo > 0) || !(hi > lo) || !Double.isFinite(hi)) {
            return null;
        }
        Start best = null;
        for (int k = 0; k < GRID; k++) {
            double q = lo * Math.pow(hi / lo, k / (GRID - 1.0));
            double[] x = start.clone();
            for (String n : factors) {
                x[spec.indexOf(n)] = q;
            }
            x = complete.apply(x);
            double model = medianHalfWidthMs(training.summaries(x));
            if (Double.isFinite(model) && (best == null
                    || Math.abs(Math.log(model / data)) < Math.abs(Math.log(best.modelHalfWidthMs() / data)))) {
                best = new Start(q, data, model, x);
            }
        }
        return best;
    }

    /** Median first-spike half-width over the sweeps that fire in their step (NaN when none does). */
    static double medianHalfWidthMs(StepSummary[] summaries) {
        double[] hw = new double[summaries.length];
        int n = 0;
        for (StepSummary s : summaries) {
            if (s != null && Double.isFinite(s.halfWidthMs())) {
                hw[n++] = s.halfWidthMs();
            }
        }
        return Median.of(hw, 0, n);
    }
}
