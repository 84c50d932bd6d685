package org.patchpinn.pinn;

import java.util.ArrayList;
import java.util.List;
import org.patchpinn.trace.CurrentClampSweep;

/**
 * The current-clamp sweeps a network trains or is scored on (V in mV, injected current in pA), all at one
 * sampling interval dtMs.
 */
public final class CurrentClampData {
    private final String name;
    private final double dtMs;
    private final List<CurrentClampSweep> sweeps;

    public CurrentClampData(String name, double dtMs, List<CurrentClampSweep> sweeps) {
        this.name = name;
        this.dtMs = dtMs;
        this.sweeps = List.copyOf(sweeps);
    }

    public String name() { return name; }

    public double dtMs() { return dtMs; }

    public List<CurrentClampSweep> sweeps() { return sweeps; }

    public CurrentClampSweep sweep(int i) { return sweeps.get(i); }

    public int sweepCount() { return sweeps.size(); }

    /** The sweeps whose indices are given, as a new data set. */
    public CurrentClampData select(List<Integer> indices) {
        List<CurrentClampSweep> sel = new ArrayList<>();
        for (int i : indices) {
            sel.add(sweeps.get(i));
        }
        return new CurrentClampData(name, dtMs, sel);
    }
}
