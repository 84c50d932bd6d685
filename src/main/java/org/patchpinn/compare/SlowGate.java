package org.patchpinn.compare;

import org.patchpinn.model.CompiledGate;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.GateKinetics;
import org.patchpinn.model.ModelSpec;

/**
 * The slow voltage-dependent gate that acts between spikes (in traub-rs-m the M-current's p, τmax 608 ms), with
 * its kinetics read from the model file, so the model is their one source: the gate of the slowest current gated
 * by one gate to the first power, slowest at −60 mV. Driven by the measured V it obeys a linear ODE, integrated
 * exactly per sample (exponential step with the rates averaged over the step).
 */
public final class SlowGate {
    /** Where "slowest" is judged: between spikes, near rest (mV). */
    static final double REST_MV = -60;

    private final String current;
    private final GateKinetics kinetics;

    private SlowGate(String current, GateKinetics kinetics) {
        this.current = current;
        this.kinetics = kinetics;
    }

    /** The base structure's slow gate (the subthreshold analysis and the condition model use this one). */
    public static SlowGate base() {
        return Base.GATE;
    }

    /** The slow gate of {@code spec} at its parameter values; an error naming the model when it has none. */
    public static SlowGate of(ModelSpec spec) {
        String bestCurrent = null;
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
                bestCurrent = c.name();
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("model " + spec.name() + ": no current gated by a single first-power "
                    + "gate (the slow between-spike current the subthreshold analysis needs, e.g. IM = gM * p * (V - EK))");
        }
        return new SlowGate(bestCurrent, best);
    }

    /** The current this gate opens, e.g. IM. */
    public String current() {
        return current;
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

    /** Built once, on first use. */
    private static final class Base {
        static final SlowGate GATE = of(ConditionModel.baseStructure());
    }
}
