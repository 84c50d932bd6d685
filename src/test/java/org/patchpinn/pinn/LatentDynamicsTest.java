package org.patchpinn.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatentDynamicsTest {
    @Test
    void closedFormDrivenLatentMatchesTheSequentialRecursion() {
        Devices.resolve("cpu");
        double dt = 0.05;
        int n = 1000;
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = -70 + 40 * Math.sin(k * dt / 7.0) + (k % 200 < 20 ? 60 : 0);
        }
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            HybridModel model = new HybridModel(m, TestBases.TRAUB_RS, TestBases.TRAUB_RS.values(), 1,
                    new Random(3), 0.01, 0.01, 0.01);
            // give the gate some shape so the test is not trivial
            model.set.get("z1.slope").set(new float[] {3f});
            model.set.get("z1.rhoTau").set(new float[] {-2f});
            float[] f = new float[n];
            for (int k = 0; k < n; k++) {
                f[k] = (float) v[k];
            }
            NDArray vm = m.create(f, new Shape(1, n));
            float[] closed = model.drivenLatent(model.latents.get(0), vm, dt, 200).toFloatArray();
            double[] seq = model.fitted().drivenLatents(v, dt)[0];
            for (int k = 0; k < n; k++) {
                assertEquals(seq[k], closed[k], 2e-3, "sample " + k);
            }
        }
    }

    /** Regression: DJL's x.mul(Number) frees its scalar before backward; Nd keeps it (NaN gradients before). */
    @Test
    void longIntegrationsHaveFiniteGradients() {
        Devices.resolve("cpu");
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            NDArray v0 = m.create(new float[] {-72f, -60f, -20f});
            v0.setRequiresGradient(true);
            try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                v0.tempAttach(step);
                NDArray x = Nd.mul(v0, 0).add(Nd.c(v0, 0.05));
                NdGateTables tables = new NdGateTables(step, TestBases.TRAUB_RS.tables(TestBases.TRAUB_RS.values()));
                for (int s = 0; s < 200; s++) {
                    NDArray[] ir = tables.at(v0)[0];
                    x = x.sub(ir[0]).mul(Nd.mul(ir[1], -0.0125).exp()).add(ir[0]);
                    System.gc();
                }
                gc.backward(Nd.cube(x).sum());
                float[] g = v0.getGradient().toFloatArray();
                for (float gi : g) {
                    assertTrue(Float.isFinite(gi), "gradient " + java.util.Arrays.toString(g));
                }
                Nd.release(step);
            }
        }
    }

    @Test
    void tabulatedTruthReproducesTheBenchmarkMCurrentForm() {
        FittedModel.Latent l = FittedModel.Latent.of(8.88, -90, x -> 1 / (1 + Math.exp(-(x + 35) / 10)),
                x -> 608.0 / (3.3 * Math.exp((x + 35) / 20) + Math.exp(-(x + 35) / 20)));
        assertEquals(0.5, l.zInfAt(-35), 1e-9);
        assertEquals(608.0 / 4.3, l.tauAt(-35), 1e-9);
        assertEquals(List.of(), new FittedModel(TestBases.HH_SQUID, TestBases.HH_SQUID.values(), List.of())
                .latents());
    }
}
