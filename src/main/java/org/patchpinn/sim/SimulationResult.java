package org.patchpinn.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * The samples as named columns, in the order of a simulated sweep's CSV: time (ms), V (mV), I_stim (pA), gates
     * (1), currents (pA). The arrays are shared, do not modify.
     */
    public Map<String, double[]> columns() {
        Map<String, double[]> c = new LinkedHashMap<>();
        double[] t = new double[vMv.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * dtMs;
        }
        c.put("time (ms)", t);
        c.put("V (mV)", vMv);
        c.put("I_stim (pA)", stimulusPa);
        gates.forEach((g, x) -> c.put(g + " (1)", x));
        currents.forEach((n, x) -> c.put(n + " (pA)", x));
        return c;
    }
}
