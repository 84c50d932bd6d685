package org.patchpinn.pinn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.patchpinn.sim.GateTable;

/**
 * The simulator's gate tables ({@link GateTable}: x∞ and 1/τ of every gate on a 0.025 mV grid, built from
 * the model's rate laws) as one NDArray, looked up and linearly interpolated on NDArrays: the differentiable
 * integrator uses the very numbers the simulator integrates. The interpolation is differentiable in V (its
 * slope is the table's), which is what training needs; the kinetics' own parameters (VT, τmax …) are
 * constants here and are fitted by the summary-statistic refinement. Tables rather than a translation of
 * the rate laws into array operations: one gather serves every gate (about 12 operations per integration
 * step instead of ~20 per gate), and the removable singularities x/(1−e^(−x/k)) stay where the simulator
 * settles them (an offset grid), instead of meeting float32 cancellation and exact 0/0 at simulated voltages.
 */
final class NdGateTables {
    private final int gates;
    private final int nodes;
    private final double vMin;
    private final double invH;
    /** [nodes × 2·gates]: per node x∞ then 1/τ of each gate. */
    private final NDArray table;
    /** 0 … 2·gates−1 (int64): the columns of one node. */
    private final NDArray columns;

    NdGateTables(NDManager manager, GateTable[] tables) {
        this.gates = tables.length;
        this.nodes = tables.length == 0 ? 2 : tables[0].nodes();
        this.vMin = tables.length == 0 ? 0 : tables[0].nodeVoltage(0);
        this.invH = tables.length == 0 ? 1 : 1 / tables[0].stepMv();
        int w = 2 * gates;
        float[] f = new float[nodes * w];
        for (int k = 0; k < nodes && gates > 0; k++) {
            for (int g = 0; g < gates; g++) {
                f[k * w + 2 * g] = (float) tables[g].steadyStateAtNode(k);
                f[k * w + 2 * g + 1] = (float) tables[g].rateAtNode(k);
            }
        }
        table = manager.create(f);
        long[] c = new long[w];
        for (int i = 0; i < w; i++) {
            c[i] = i;
        }
        columns = manager.create(c);
    }

    void attachForStep(NDManager step) {
        table.tempAttach(step);
        columns.tempAttach(step);
    }

    /** x∞ and 1/τ (1/ms) of every gate at voltages v [B]: result[g] = {x∞ [B], 1/τ [B]}. */
    NDArray[][] at(NDArray v) {
        NDArray[][] out = new NDArray[gates][];
        if (gates == 0) {
            return out;
        }
        int w = 2 * gates;
        NDArray pos = Nd.mul(Nd.sub(v, vMin), invH);
        NDArray k = pos.stopGradient().floor().maximum(Nd.c(pos, 0)).minimum(Nd.c(pos, nodes - 2));
        // beyond the grid (−160 … 120 mV) the end values hold
        NDArray frac = pos.sub(k).maximum(Nd.c(pos, 0)).minimum(Nd.c(pos, 1)).expandDims(1);
        NDArray idx = k.toType(DataType.INT64, false).expandDims(1).mul(Nd.c(columns, w)).add(columns);
        NDArray lo = table.take(idx);
        NDArray hi = table.take(idx.add(Nd.c(columns, w)));
        NDArray val = lo.add(hi.sub(lo).mul(frac));
        for (int g = 0; g < gates; g++) {
            out[g] = new NDArray[] {val.get(":, " + (2 * g)), val.get(":, " + (2 * g + 1))};
        }
        return out;
    }
}
