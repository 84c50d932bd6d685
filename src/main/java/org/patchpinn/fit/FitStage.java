package org.patchpinn.fit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpinn.model.CompiledGate;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.GateKinetics;
import org.patchpinn.model.ModelSpec;

/**
 * The stages of a fit of a real cell, the way expert pipelines fit (Allen Institute, BluePyOpt): passive
 * properties first, then the spike-generating currents, then slow (adapting) currents. Which parameter belongs
 * to which stage is read from the model itself, so any model file is staged without annotations:
 * <ul>
 *   <li>PASSIVE: the capacitance and the conductance and reversal of every current without gates (leak);</li>
 *   <li>SLOW: the conductance of a gated current whose gates are slow at rest (τ &gt; {@value #SLOW_TAU_MS} ms at
 *       −60 mV, e.g. the M-current), and the parameters only such gates read (τmax);</li>
 *   <li>ACTIVE: everything else — fast conductances, their reversals, kinetic offsets such as VT.</li>
 * </ul>
 */
enum FitStage {
    PASSIVE, ACTIVE, SLOW;

    /** A gate slower than this at −60 mV marks its current as slow (ms). */
    static final double SLOW_TAU_MS = 50;
    private static final double PROBE_MV = -60;

    /** The stage of every parameter of the model (free or not), in parameter order. */
    static Map<String, FitStage> of(ModelSpec spec) {
        Map<String, FitStage> out = new LinkedHashMap<>();
        double[] p = spec.values();
        Map<String, Boolean> slowGate = new LinkedHashMap<>();
        Map<String, CompiledGate> gates = new LinkedHashMap<>();
        for (CompiledGate g : spec.compiledGates()) {
            GateKinetics k = g.bind(p);
            slowGate.put(g.name(), k.tauMs().value(PROBE_MV) > SLOW_TAU_MS);
            gates.put(g.name(), g);
        }
        out.put(spec.capacitance(), PASSIVE);
        for (CurrentSpec c : spec.currents()) {
            if (c.gates().isEmpty()) {
                out.putIfAbsent(c.conductance(), PASSIVE);
                out.putIfAbsent(c.reversal(), PASSIVE);
            }
        }
        // fast currents first, so a reversal shared with a slow current (EK) is fitted with the fast one
        for (boolean slowPass : new boolean[] {false, true}) {
            for (CurrentSpec c : spec.currents()) {
                if (c.gates().isEmpty()) {
                    continue;
                }
                boolean slow = c.gates().stream().anyMatch(f -> slowGate.getOrDefault(f.gate(), false));
                if (slow != slowPass) {
                    continue;
                }
                FitStage stage = slow ? SLOW : ACTIVE;
                out.putIfAbsent(c.conductance(), stage);
                out.putIfAbsent(c.reversal(), stage);
                for (CurrentSpec.GateFactor f : c.gates()) {
                    CompiledGate g = gates.get(f.gate());
                    if (g == null) {
                        continue;
                    }
                    for (int idx : g.parameterIndices()) {
                        out.putIfAbsent(spec.parameters().get(idx).name(), stage);
                    }
                }
            }
        }
        for (String name : spec.parameterNames()) {
            out.putIfAbsent(name, ACTIVE);
        }
        return out;
    }

    /** Free parameters of the model in the given stages. */
    static List<String> free(ModelSpec spec, Map<String, FitStage> stages, List<FitStage> which) {
        return spec.freeParameters().stream().filter(n -> which.contains(stages.get(n))).toList();
    }
}
