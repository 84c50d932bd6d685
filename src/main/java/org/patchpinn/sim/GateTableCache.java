package org.patchpinn.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.patchpinn.model.CompiledGate;
import org.patchpinn.model.GateKinetics;
import org.patchpinn.model.GateSpec;
import org.patchpinn.model.ModelSpec;

/**
 * Gate tables reused between simulations: in a fit of conductances and reversals the kinetics never
 * change, so each table is built once (a few ms) and every later run only integrates. The key is the gate
 * as written, the definitions it may use, the and the values of the parameters it reads.
 */
final class GateTableCache {
    private static final int MAX_ENTRIES = 256;

    private record Key(GateSpec gate, Map<String, String> definitions, String parameterValues) { }

    private final Map<Key, GateTable> tables = new ConcurrentHashMap<>();
    private final double h;

    /** @param h grid spacing of the tables (mV) */
    GateTableCache(double h) {
        this.h = h;
    }
    /** Interleaved tables of a model's gates (see {@link PreparedModel#combined}), by the gates' tables. */
    private final Map<List<GateTable>, double[]> combined = new ConcurrentHashMap<>();

    /** All gates' tables interleaved node by node ([node][gate][x∞, 1/τ]), built once per set of tables. */
    double[] combined(GateTable[] gates) {
        List<GateTable> key = List.of(gates);
        double[] c = combined.get(key);
        if (c == null) {
            if (combined.size() >= MAX_ENTRIES) {
                combined.clear();
            }
            int ng = gates.length;
            int nodes = gates[0].n;
            c = new double[2 * ng * nodes];
            for (int k = 0; k < nodes; k++) {
                for (int i = 0; i < ng; i++) {
                    c[2 * (k * ng + i)] = gates[i].t[2 * k];
                    c[2 * (k * ng + i) + 1] = gates[i].t[2 * k + 1];
                }
            }
            combined.put(key, c);
        }
        return c;
    }

    GateTable table(ModelSpec spec, CompiledGate gate, GateKinetics kinetics, double[] p) {
        int[] idx = gate.parameterIndices();
        double[] vals = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            vals[i] = p[idx[i]];
        }
        Key key = new Key(gate.spec(), spec.definitions(), Arrays.toString(vals));
        GateTable t = tables.get(key);
        if (t == null) {
            if (tables.size() >= MAX_ENTRIES) {
                tables.clear();
                combined.clear();
            }
            t = new GateTable(kinetics, h);
            tables.put(key, t);
        }
        return t;
    }
}
