package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.features.PassiveSteps;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.sim.Simulator;

/**
 * A cell that fires at the holding current has no rest: its membrane is anchored on the steady states of its
 * hyperpolarising steps, and a model solved through them reaches both, while a quiet cell keeps its rest anchor.
 */
class SteadyStateAnchorsTest {
    private static final double DT = 0.05;
    /** Simulated at the holding current before the sweep starts, so the pacemaker is mid-cycle at t = 0 (ms). */
    private static final double LEAD_MS = 1500;
    private static final double STEP_FROM_MS = 400;
    private static final double STEP_MS = 1000;
    private static final ModelSpec PACEMAKER = BuiltinModels.get("traub-rs-m").withValue("Cm", 40)
            .withValue("gNa", 2500).withValue("gK", 300).withValue("gL", 1.2).withValue("EL", -35)
            .withValue("VT", -53).withValue("gM", 3);

    @Test
    void aCellFiringAtTheHoldingCurrentIsAnchoredOnItsStepsSteadyStates() {
        List<PassiveSteps> measured = List.of(sweep(PACEMAKER, -60), sweep(PACEMAKER, -20));
        assertTrue(measured.stream().allMatch(PassiveSteps::firesAtHolding), "the pacemaker fires before its steps");
        assertTrue(measured.stream().allMatch(p -> Double.isNaN(p.restMv())), "so it has no rest");
        assertEquals(2, measured.stream().mapToInt(p -> p.levels().size()).sum());
        PassiveEstimate a = SteadyStateAnchors.of(measured);
        assertNotNull(a);
        double upper = steady(PACEMAKER, PACEMAKER.values(), -20);
        double lower = steady(PACEMAKER, PACEMAKER.values(), -60);
        assertEquals(-20, a.holdingPa(), 1e-9);
        assertEquals(-40, a.stepPa(), 1e-9);
        assertEquals(upper, a.restMv(), 0.3, "the upper anchor is the steady state at -20 pA");
        assertEquals((upper - lower) / 40 * 1000, a.inputResistanceMOhm(), 10, "Rin: the slope between them");
        assertTrue(a.capacitancePf() > 30 && a.capacitancePf() < 50, "C " + a.capacitancePf() + " pF (40)");

        // the template, started from the anchors as the staged fit starts it and solved through them, reaches both
        ModelSpec template = BuiltinModels.get("traub-rs-m");
        PassiveConstraint c = PassiveConstraint.of(template, a);
        assertNotNull(c);
        double[] x = c.apply(StagedFit.StartValues.fromPassive(template, FitStage.of(template), a));
        assertEquals(upper, steady(template, x, -20), 0.5);
        assertEquals(lower, steady(template, x, -60), 0.5);

        // with its τ read on the return to the holding current, as the cell's was, the solved model returns as the
        // cell does: read the same way on the same steps
        PassiveConstraint.ReturnStep back = SteadyStateAnchors.returnStep(measured, a);
        assertNotNull(back);
        double[] y = c.withReturn(back).apply(StagedFit.StartValues.fromPassive(template, FitStage.of(template), a));
        PassiveEstimate model = SteadyStateAnchors.membrane(a, List.of(sweep(template, y, -60),
                sweep(template, y, -20)));
        assertEquals(a.timeConstantMs(), model.timeConstantMs(), 0.2 * a.timeConstantMs(),
                "tau: cell " + a.timeConstantMs() + " ms, model " + model.timeConstantMs() + " ms");
    }

    @Test
    void anACurrentDoesNotSlowTheTimeConstantReadOnTheReturn() {
        // a pacemaker with an A-current (session 23's spr12): de-inactivated by the step, it holds the end of the
        // return back (63 % of the rise took 83-89 ms on its -30 and -40 pA steps for a membrane Cm·Rin of 26 ms)
        ModelSpec a = BuiltinModels.get("traub-rs-a").withValue("Cm", 30).withValue("gNa", 1800)
                .withValue("gK", 250).withValue("gL", 0.9).withValue("EL", -34).withValue("VT", -52)
                .withValue("gM", 1.5).withValue("gA", 8);
        List<PassiveSteps> measured = List.of(sweep(a, -40), sweep(a, -30), sweep(a, -10));
        PassiveEstimate anchors = SteadyStateAnchors.of(measured);
        assertNotNull(anchors);
        double membrane = 30 * anchors.inputResistanceMOhm() / 1000; // Cm·Rin (ms), Rin the steady states' slope
        assertEquals(membrane, anchors.timeConstantMs(), 0.2 * membrane,
                "tau " + anchors.timeConstantMs() + " ms, Cm*Rin " + membrane + " ms");
    }

    @Test
    void aQuietCellKeepsItsRestAnchor() {
        ModelSpec quiet = BuiltinModels.get("traub-rs-m");
        List<PassiveSteps> measured = List.of(sweep(quiet, -60), sweep(quiet, -20));
        assertFalse(measured.stream().anyMatch(PassiveSteps::firesAtHolding));
        assertNull(SteadyStateAnchors.of(measured));
        assertEquals(2, measured.stream().mapToInt(p -> p.levels().size()).sum(), "its steps are levels too");
    }

    @Test
    void aCellFiringOnSomeSweepsKeepsTheRestAnchorItHas() {
        List<PassiveSteps> measured = List.of(sweep(PACEMAKER, -60), sweep(PACEMAKER, -20),
                sweep(BuiltinModels.get("traub-rs-m"), -60));
        assertTrue(SteadyStateAnchors.firesAtHolding(measured), "two of three sweeps fire before their step");
        assertTrue(PassiveEstimate.ofMeasured(measured).anchorsRest(), "the third has a rest and a clean step");
        assertFalse(SteadyStateAnchors.applies(measured));
        assertNull(SteadyStateAnchors.of(measured));
    }

    @Test
    void itsMembraneCountsAsMeasured() {
        List<PassiveSteps> measured = List.of(sweep(PACEMAKER, -60), sweep(PACEMAKER, -20));
        assertTrue(SteadyStateAnchors.firesAtHolding(measured));
        assertFalse(FeatureObjective.Scored.of(false, measured).spikingCharging(),
                "the steady states measure the membrane: the charging of spiking sweeps is not scored");
        assertFalse(FeatureObjective.Scored.of(false, measured).firingBaselines(),
                "a sweep firing before its step has no baseline to score");
        assertTrue(FeatureObjective.Scored.of(false, List.of(sweep(BuiltinModels.get("traub-rs-m"), -60)))
                .firingBaselines(), "a resting cell: read as before");
    }

    @Test
    void aSweepThatFiresAtTheHoldingCurrentAfterItsStepGivesNoRestWhereAQuiescentOneDoes() {
        // a pacemaker's sweep that happens to start between two spikes: no spike before its step, one after it
        PassiveSteps lucky = handMade(-55, 900);
        assertEquals(-55, lucky.restMv(), 1e-9);
        assertFalse(lucky.firesAtHolding());
        assertFalse(lucky.quiescent(), "it fires at the holding current after its step");
        PassiveSteps firing = handMade(-55, 100);
        assertTrue(firing.firesAtHolding());
        // a quiescent sweep is the rest, and the only one
        PassiveSteps quiet = handMade(-60, -1);
        assertTrue(quiet.quiescent());
        assertEquals(List.of(quiet), PassiveEstimate.restSweeps(List.of(lucky, quiet, firing)));
        assertEquals(-60, PassiveEstimate.ofMeasured(List.of(lucky, quiet, firing)).restMv(), 1e-9);
        // no quiescent sweep, and most fire before their step: a pacemaker, read on its steady states
        List<PassiveSteps> pacemaker = List.of(lucky, firing, firing);
        assertEquals(List.of(), PassiveEstimate.restSweeps(pacemaker));
        assertFalse(PassiveEstimate.ofMeasured(pacemaker).anchorsRest());
        assertTrue(SteadyStateAnchors.applies(pacemaker));
        // no quiescent sweep and no firing before the steps (e.g. a rebound after every step): the spike-free
        // stretches before the first change, as before
        assertEquals(-55, PassiveEstimate.ofMeasured(List.of(lucky, lucky)).restMv(), 1e-9);
    }

    /**
     * A hand-made sweep: {@code restMv} at 0 pA, -20 pA from 200 to 700 ms (10 mV down), 0 pA to 1000 ms, with a 1 ms
     * pulse to +20 mV (a spike) at {@code spikeMs} when not negative.
     */
    private static PassiveSteps handMade(double restMv, double spikeMs) {
        int n = (int) Math.round(1000 / DT);
        double[] v = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            double t = i * DT;
            boolean step = t >= 200 && t < 700;
            c[i] = step ? -20 : 0;
            v[i] = step ? restMv - 10 : restMv;
            if (spikeMs >= 0 && t >= spikeMs && t < spikeMs + 1) {
                v[i] = 20;
            }
        }
        return PassiveSteps.of(v, c, DT);
    }

    /** One sweep: holding (0 pA), a step of {@code stepPa}, holding again; measured as a fit measures it. */
    private static PassiveSteps sweep(ModelSpec m, double stepPa) {
        return sweep(m, m.values(), stepPa);
    }

    private static PassiveSteps sweep(ModelSpec m, double[] x, double stepPa) {
        double[][] vc = trace(m, x, stepPa);
        return PassiveSteps.of(vc[0], vc[1], DT);
    }

    /** V and command of one sweep, the model having run {@value #LEAD_MS} ms at the holding current before it. */
    private static double[][] trace(ModelSpec m, double[] x, double stepPa) {
        double from = LEAD_MS + STEP_FROM_MS;
        double total = from + STEP_MS + 300;
        double[] all = Simulator.shared().voltage(m, x, t -> t >= from && t < from + STEP_MS ? stepPa : 0,
                total, DT);
        double[] v = Arrays.copyOfRange(all, (int) Math.round(LEAD_MS / DT), all.length);
        double[] cmd = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double t = i * DT;
            cmd[i] = t >= STEP_FROM_MS && t < STEP_FROM_MS + STEP_MS ? stepPa : 0;
        }
        return new double[][] {v, cmd};
    }

    /** V after 3 s at a constant current (mV). */
    private static double steady(ModelSpec m, double[] x, double pa) {
        double[] v = Simulator.shared().voltage(m, x, t -> pa, 3000, 0.1);
        return v[v.length - 1];
    }
}
