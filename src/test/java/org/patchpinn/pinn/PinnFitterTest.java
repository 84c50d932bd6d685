package org.patchpinn.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.task.Progress;

class PinnFitterTest {
    @Test
    void trainsOnATinyProblemWithFiniteFallingLossesReproducibly() {
        CurrentClampData d = HybridFitterTest.squidData();
        PinnFitter.Options o = PinnFitter.Options.defaults(BaseModel.HH_SQUID, 1).withSteps(15).withPretrain(40)
                .withDevice("cpu");
        PinnFitter.Result a = new PinnFitter().fit(d.select(List.of(0)), d.select(List.of(1)), o, Progress.NONE);
        PinnFitter.Result b = new PinnFitter().fit(d.select(List.of(0)), d.select(List.of(1)), o, Progress.NONE);
        List<double[]> c = a.lossCurve();
        assertEquals(55, c.size());
        double firstData = c.get(0)[2];
        double preData = c.get(39)[2];
        assertTrue(preData < 0.5 * firstData, "pre-training fits the data: " + firstData + " -> " + preData);
        for (double[] row : c) {
            for (double x : row) {
                assertTrue(Double.isFinite(x), "finite loss terms");
            }
        }
        for (String t : PinnFitter.TERMS) {
            assertTrue(a.terms().containsKey(t), t);
        }
        assertEquals(a.lossCurve().get(54)[1], b.lossCurve().get(54)[1], 1e-9);
        assertEquals(1, a.model().latents().size());
    }
}
