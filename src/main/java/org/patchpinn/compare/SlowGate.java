package org.patchpinn.compare;

import java.util.Optional;
import org.patchpinn.model.CompiledGate;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.GateKinetics;
import org.patchpinn.model.ModelSpec;

/**
 * The slow voltage-dependent gate that acts between spikes (in traub-rs-m the M-current's p, τmax 608 ms), with
 * its kinetics read from the model file, so the model is their one source: the gate of the slowest current gated
 * by one gate to the first power, slowest at −60 mV. Driven by the measured V it obeys a linear ODE, integrated
 * exactly per sample (exponential step with the rates averaged over the step). A structure need not have one
 * (traub-rs, hh-squid): {@link #in} says so, and the subthreshold analysis then has no slow term.
 */
public final class SlowGate {
    /** Where "slowest" is judged: between spikes, near rest (mV). */
    static final double REST_MV = -60;

    private final CurrentSpec current;
    private final GateKinetics kinetics;

    private SlowGate(CurrentSpec current, GateKinetics kinetics) {
        this.current = current;
        this.kinetics = kinetics;
    }

    /** The slow gate of {@code spec} at its parameter values; an error naming the model when it has none. */
    public static SlowGate of(ModelSpec spec) {
        return in(spec).orElseThrow(() -> new IllegalArgumentException("model " + spec.name() + ": no current "
                + "gated by a single first-power gate (the slow between-spike current the subthreshold analysis "
                + "needs, e.g. IM = gM * p * (V - EK))"));
    }

    /** The slow gate of {@code spec} at its parameter values, or empty when no current has a single first-power gate. */
    public static Optional<SlowGate> in(ModelSpec spec) {
        CurrentSpec bestCurrent = null;
        GateKinetics best = null;
        double bestTau = 0;
        for (CurrentSpec c : spec.currents()) {
            if (c.gates().size() != 1 || c.gates().get(0).power() != 1) {
                continue;
            }
            CompiledGate g = spec.compiledGates().get(spec.gateIndex(c.gates().get(0).gate()));
            GateKinetics k = g.bind(spec.values());
            double tau = k.tauMs().value(REST_MV);
            if (tau > bestTau) {
                bestTau = tau;
                best = k;
                bestCurrent = c;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new SlowGate(bestCurrent, best));
    }

    /** The current this gate opens, e.g. IM. */
    public String current() {
        return current.name();
    }

    /** The name of that current's maximal conductance, e.g. gM. */
    public String conductance() {
        return current.conductance();
    }

    /** The name of that current's reversal potential, e.g. EK. */
    public String reversal() {
        return current.reversal();
    }

    public double steadyState(double v) {
        return kinetics.inf().value(v);
    }

    public double tauMs(double v) {
        return kinetics.tauMs().value(v);
    }

    /** The gate along a measured voltage trace, starting at steady state for the mean of the first 1 ms. */
    public double[] drive(double[] v, double dtMs) {
        double[] p = new double[v.length];
        if (v.length == 0) {
            return p;
        }
        int head = Math.max(1, Math.min(v.length, (int) Math.round(1.0 / dtMs)));
        double v0 = 0;
        for (int i = 0; i < head; i++) {
            v0 += v[i];
        }
        p[0] = steadyState(v0 / head);
        double infPrev = steadyState(v[0]);
        double ratePrev = 1.0 / tauMs(v[0]);
        for (int i = 1; i < v.length; i++) {
            double inf = steadyState(v[i]);
            double rate = 1.0 / tauMs(v[i]);
            double pin = 0.5 * (inf + infPrev);
            p[i] = pin + (p[i - 1] - pin) * Math.exp(-dtMs * 0.5 * (rate + ratePrev));
            infPrev = inf;
            ratePrev = rate;
        }
        return p;
    }
}
