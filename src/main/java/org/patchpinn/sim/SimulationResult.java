package org.patchpinn.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patchpinn.report.Table;

/**
 * A simulated sweep sampled every dtMs: time (ms), V (mV), the stimulus (pA), every gate
 * (dimensionless) and every ionic current (pA, outward positive). Gates and currents are empty when the
 * simulation was run for the voltage only.
 */
public final class SimulationResult {
    private final double dtMs;
    private final double[] vMv;
    private final double[] stimulusPa;
    private final Map<String, double[]> gates;
    private final Map<String, double[]> currents;

    public SimulationResult(double dtMs, double[] vMv, double[] stimulusPa, Map<String, double[]> gates,
                            Map<String, double[]> currents) {
        this.dtMs = dtMs;
        this.vMv = vMv;
        this.stimulusPa = stimulusPa;
        this.gates = Collections.unmodifiableMap(new LinkedHashMap<>(gates));
        this.currents = Collections.unmodifiableMap(new LinkedHashMap<>(currents));
    }

    public int length() { return vMv.length; }

    /** Time of sample i in ms. */
    public double timeMs(int i) { return i * dtMs; }

    /** Membrane voltage (mV); the array is shared, do not modify. */
    public double[] v() { return vMv; }

    /** Gate name → values per sample. */
    public Map<String, double[]> gates() { return gates; }

    /** Current name → pA per sample. */
    public Map<String, double[]> currents() { return currents; }

    /** True when V stayed finite (a diverging parameter set gives NaN from the first bad sample on). */
    public boolean isFinite() {
        for (double v : vMv) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Samples as a table: time (ms), V (mV), I_stim (pA), gates, currents (pA). */
    public Table toTable(String name) {
        Table t = new Table(name);
        t.column("time (ms)").column("V (mV)").column("I_stim (pA)");
        gates.keySet().forEach(g -> t.column(g + " (1)"));
        currents.keySet().forEach(c -> t.column(c + " (pA)"));
        for (int i = 0; i < vMv.length; i++) {
            Table.Row r = t.addRow().set("time (ms)", i * dtMs).set("V (mV)", vMv[i])
                    .set("I_stim (pA)", stimulusPa[i]);
            int row = i;
            gates.forEach((g, x) -> r.set(g + " (1)", x[row]));
            currents.forEach((c, x) -> r.set(c + " (pA)", x[row]));
        }
        return t;
    }
}
