package org.patchpinn.sim;

import java.util.Arrays;
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
            }
            t = new GateTable(kinetics);
            tables.put(key, t);
        }
        return t;
    }
}
