package org.patchpinn.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.CompiledGate;
import org.patchpinn.model.GateKinetics;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.sim.GateTable;

/**
 * The NDArray rates of the known model are the simulator's: for every built-in model and every gate, x∞ and
 * 1/τ looked up on NDArrays agree with the model's compiled laws and with the simulator's tables over
 * −120…60 mV, the removable singularities included.
 */
class KnownModelTest {
    /** Voltages every 0.05 mV, plus the singular points of the Traub and HH laws exactly. */
    private static float[] voltages(ModelSpec m) {
        int n = (int) Math.round(180 / 0.05) + 1;
        double vt = m.hasParameter("VT") ? m.parameter("VT").value() : 0;
        double[] singular = {vt + 13, vt + 40, vt + 15, -40, -55, -25};
        float[] v = new float[n + singular.length];
        for (int k = 0; k < n; k++) {
            v[k] = (float) (-120 + 0.05 * k);
        }
        for (int k = 0; k < singular.length; k++) {
            v[n + k] = (float) singular[k];
        }
        return v;
    }

    @Test
    void ndArrayRatesMatchTheCompiledLawsAndTheSimulatorsTablesForEveryBuiltin() {
        Devices.resolve("cpu");
        for (String name : BuiltinModels.NAMES) {
            ModelSpec spec = BuiltinModels.get(name);
            KnownModel known = KnownModel.of(spec);
            double[] p = spec.values();
            float[] v = voltages(spec);
            try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
                NDArray va = m.create(v);
                List<CompiledGate> gates = spec.compiledGates();
                GateTable[] tables = known.tables(p);
                NDArray[][] nd = new NdGateTables(m, tables).at(va);
                for (int g = 0; g < gates.size(); g++) {
                    NDArray[] ir = nd[g];
                    float[] inf = ir[0].toFloatArray();
                    float[] rate = ir[1].toFloatArray();
                    GateKinetics exact = gates.get(g).bind(p);
                    String gate = name + " gate " + gates.get(g).name();
                    for (int k = 0; k < v.length; k++) {
                        double xi = exact.inf().value(v[k]);
                        double r = 1 / exact.tauMs().value(v[k]);
                        String at = gate + " at " + v[k] + " mV";
                        assertTrue(Float.isFinite(inf[k]) && Float.isFinite(rate[k]), at);
                        // float32 results, VT held in float32: 1e-4 relative, x∞ also 1e-6 absolute
                        assertEquals(xi, inf[k], 1e-6 + 1e-4 * xi, at + " x∞");
                        assertEquals(r, rate[k], 1e-4 * r, at + " 1/τ");
                        // the simulator's table (linear interpolation on 0.025 mV): 1e-4 relative
                        assertEquals(tables[g].steadyState(v[k]), inf[k], 1e-5 + 1e-4 * xi, at + " table x∞");
                        assertEquals(tables[g].rate(v[k]), rate[k], 1e-4 * r, at + " table 1/τ");
                    }
                }
            }
        }
    }

    @Test
    void everyCurrentOfTheModelIsKnownAndTheTablesFollowTheKineticParameters() {
        KnownModel rsm = KnownModel.of(BuiltinModels.get("traub-rs-m"));
        assertEquals(5, rsm.currentCount(), "Na, K, leak, the M-current and the AHP");
        int vt = rsm.spec().indexOf("VT");
        int tauMax = rsm.spec().indexOf("tauMax");
        assertTrue(rsm.isKinetic(vt) && rsm.isKinetic(tauMax) && !rsm.isKinetic(rsm.spec().indexOf("gNa")));
        double[] p = rsm.values();
        GateTable[] a = rsm.tables(p);
        p[rsm.spec().indexOf("gNa")] *= 2;
        assertSame(a, rsm.tables(p), "a conductance does not rebuild the tables");
        p[vt] -= 3;
        GateTable[] b = rsm.tables(p);
        // the m gate shifted by −3 mV with VT
        assertEquals(a[0].steadyState(-50), b[0].steadyState(-53), 1e-6);
    }
}
