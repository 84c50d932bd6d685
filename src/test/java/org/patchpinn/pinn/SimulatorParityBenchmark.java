package org.patchpinn.pinn;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.patchpinn.trace.CurrentClampSweep;

/**
 * The hybrid's own forward simulation (exponential Euler, {@link FittedModel#simulateExpEuler}) against the project's
 * simulator (RK4 on the gate tables, {@link FittedModel#simulate}) on rs_adapting.atf with the true model
 * (traub-rs plus the true M-current): time per sweep and the scores each gives.
 * {@code mvn -q -o test -Pbenchmark -Dtest=SimulatorParityBenchmark}
 *
 * <p>Why {@code FittedModel.simulateExpEuler} drives the summary-statistic refinement: measured on
 * rs_adapting.atf with the true model, it is 2–5× faster than {@code FittedModel.simulate} with the same spike
 * counts and Γ 1.0 on every sweep (adaptation index up to 3 % off).
 */
@Tag("benchmark")
class SimulatorParityBenchmark {
    @Test
    void expEulerVersusRk4() {
        CurrentClampData d = NewStateBenchmark.load("rs_adapting.atf");
        FittedModel truth = new FittedModel(TestBases.TRAUB_RS, TestBases.TRAUB_RS.values(),
                List.of(NewStateBenchmark.TRUE_M));
        double dt = d.dtMs();
        for (int rep = 0; rep < 2; rep++) {
            for (CurrentClampSweep sw : d.sweeps()) {
                double v0 = HybridFitter.restOf(sw.vMv(), dt);
                long t0 = System.nanoTime();
                double[] a = truth.simulateExpEuler(sw.iPa(), dt, v0, 2).v();
                long t1 = System.nanoTime();
                double[] a4 = truth.simulateExpEuler(sw.iPa(), dt, v0, 4).v();
                long t2 = System.nanoTime();
                double[] b = truth.simulate(sw.iPa(), dt, v0).v();
                long t3 = System.nanoTime();
                SweepScore sa = SweepScore.of(sw.index(), sw.stepAmplitude(), sw.vMv(), a, dt);
                SweepScore sa4 = SweepScore.of(sw.index(), sw.stepAmplitude(), sw.vMv(), a4, dt);
                SweepScore sb = SweepScore.of(sw.index(), sw.stepAmplitude(), sw.vMv(), b, dt);
                System.out.printf(Locale.ROOT, "sweep %d: exp-Euler/2 %.1f ms Γ %.3f spikes %d/%d AI %.4f | "
                        + "exp-Euler/4 %.1f ms Γ %.3f spikes %d | RK4 %.1f ms Γ %.3f spikes %d AI %.4f (data AI %.4f)%n",
                        sw.index() + 1, (t1 - t0) / 1e6, sa.gamma(), sa.spikesModel(), sa.spikesData(),
                        sa.adaptationModel(), (t2 - t1) / 1e6, sa4.gamma(), sa4.spikesModel(), (t3 - t2) / 1e6,
                        sb.gamma(), sb.spikesModel(), sb.adaptationModel(), sb.adaptationData());
            }
        }
    }
}
