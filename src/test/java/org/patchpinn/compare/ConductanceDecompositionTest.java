package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchpinn.trace.CurrentClampSweep.Current.RECORDED;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.patchpinn.trace.CurrentClampSweep;

/** The leak / extra-conductance split on simulated cells whose answer is known. */
class ConductanceDecompositionTest {
    private static final double[] LEVELS = {0.5, 1, 2, 4, 8};

    /** Simulated recordings of 3 cells at 5 levels → pooled membranes → observations. */
    static List<ConductanceDecomposition.Observation> simulatedObservations() {
        return simulatedObservations(false);
    }

    /** @param control every level recorded with the cell's membrane at level 2 (the condition changes nothing) */
    static List<ConductanceDecomposition.Observation> simulatedObservations(boolean control) {
        List<ConductanceDecomposition.Observation> obs = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            List<SubthresholdSystem> systems = new ArrayList<>();
            for (int k = 0; k < LEVELS.length; k++) {
                systems.add(SubthresholdSystem.build(CurrentClampSweep.all(SyntheticCell.at(c, control ? 2 : LEVELS[k])
                        .record(new double[] {-80, 30}, 300, 0.3, 100L * c + k), RECORDED), SubthresholdSettings.DEFAULT));
            }
            List<LinearMembrane> m = LinearMembraneSolver.solveJoint(systems);
            for (int k = 0; k < LEVELS.length; k++) {
                obs.add(new ConductanceDecomposition.Observation("c" + c + "_" + LEVELS[k], "c" + c, LEVELS[k],
                        m.get(k).gNs(), m.get(k).eMv(), m.get(k).seG(), m.get(k).seE()));
            }
        }
        return obs;
    }

    @Test
    void separatesEachCellsLeakFromTheConditionDependentConductance() {
        List<ConductanceDecomposition.Observation> obs = simulatedObservations();
        ConductanceDecomposition.Result r = ConductanceDecomposition.fit(obs, 50, 3);
        assertTrue(r.identified(), r.identification().reason());
        assertEquals(-90, r.ex().value(), 3, "EX");
        assertEquals(r.ex(), r.reported(r.ex()));
        assertTrue(r.ex().ciLow() < r.ex().value() && r.ex().value() < r.ex().ciHigh());
        for (int i = 0; i < obs.size(); i++) {
            double truth = SyntheticCell.law(obs.get(i).condition());
            assertEquals(truth, r.gx().get(i).value(), Math.max(0.2 * truth, 0.3), obs.get(i).recording());
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(3.0 + 0.4 * c, r.cells().get(c).gL().value(), 0.5, "gL of cell " + c);
            assertEquals(-68 - 1.5 * c, r.cells().get(c).eL().value(), 3, "EL of cell " + c);
        }
        assertEquals(4.0, r.law().value(0), 0.8, "gmax");
        assertTrue(r.law().h() > 0, "decreasing in the condition");
        assertTrue(r.lawR2() > 0.95, "law R2 " + r.lawR2());
        assertEquals(3, r.heldOut().size());
        r.heldOut().forEach(h -> assertTrue(h.maxGxErrorNs() < 0.6, h.toString()));
    }

    @Test
    void aConditionIndependentConductanceGivesNoExtraConductance() {
        // every recording of a cell has the same membrane: whatever the gauge, gX must stay near zero
        List<ConductanceDecomposition.Observation> obs = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            for (double g : LEVELS) {
                obs.add(new ConductanceDecomposition.Observation("r", "c" + c, g, 3 + c, -70 + c, 0.1, 0.3));
            }
        }
        ConductanceDecomposition.Result r = ConductanceDecomposition.fit(obs, 0, 1);
        for (Estimate gx : r.gx()) {
            assertEquals(0, gx.value(), 0.05);
        }
        assertFalse(r.identified(), "EX " + r.ex().value());
    }

    @Test
    void aControlSeriesLeavesExAndTheLeaksNotIdentified() {
        // noisy recordings of cells whose membrane is the same at every level: the split is a gauge choice
        ConductanceDecomposition.Result r = ConductanceDecomposition.fit(simulatedObservations(true), 50, 3);
        assertFalse(r.identified(), "EX " + r.ex() + ", leaks " + r.cells());
        assertFalse(r.identification().reason().isBlank());
        assertTrue(Double.isNaN(r.reported(r.ex()).value()));
        assertEquals("mV", r.reported(r.ex()).unit());
    }

    @Test
    void saysWhenTheDesignCannotSeparateLeakAndExtraConductance() {
        List<ConductanceDecomposition.Observation> twoLevels = List.of(
                new ConductanceDecomposition.Observation("a", "1", 1, 5, -80, 0.1, 0.3),
                new ConductanceDecomposition.Observation("b", "1", 10, 3, -70, 0.1, 0.3));
        assertTrue(ConductanceDecomposition.whyNot(twoLevels).contains("3 condition levels"));
        List<ConductanceDecomposition.Observation> oneEach = List.of(
                new ConductanceDecomposition.Observation("a", "1", 1, 5, -80, 0.1, 0.3),
                new ConductanceDecomposition.Observation("b", "2", 2, 4, -75, 0.1, 0.3),
                new ConductanceDecomposition.Observation("c", "3", 10, 3, -70, 0.1, 0.3));
        assertTrue(ConductanceDecomposition.whyNot(oneEach).contains("within a cell"));
        assertThrows(IllegalArgumentException.class, () -> ConductanceDecomposition.fit(oneEach, 0, 1));
        assertFalse(ConductanceDecomposition.whyNot(simulatedObservations()).length() > 0);
    }

    /**
     * 3 cells at 5 levels with the law of {@link SyntheticCell} and an extra conductance reversing at {@code ex}: exact
     * g_lin, E_lin plus {@code noise} times (0.05 nS, 0.3 mV) Gaussian errors.
     */
    private static List<ConductanceDecomposition.Observation> exactObservations(double ex, double noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<ConductanceDecomposition.Observation> obs = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            double gL = 3.0 + 0.4 * c;
            double eL = -68 - 1.5 * c;
            for (double level : LEVELS) {
                double gx = SyntheticCell.law(level);
                double g = gL + gx;
                double e = (gL * eL + gx * ex) / g;
                obs.add(new ConductanceDecomposition.Observation("c" + c + "_" + level, "c" + c, level,
                        g + 0.05 * noise * rnd.nextGaussian(), e + 0.3 * noise * rnd.nextGaussian(), 0.05, 0.3));
            }
        }
        return obs;
    }

    @Test
    void exStartsFromTheDataNotFromAnAssumedReversal() {
        // within a cell g_lin·E_lin rises with g_lin at slope EX: on exact data the data-driven start is EX itself
        for (double ex : new double[] {-90, -30, 0}) {
            double[] starts = ConductanceDecomposition.exStarts(exactObservations(ex, 0, 1), Double.NaN);
            assertEquals(2, starts.length);
            assertEquals(ConductanceDecomposition.MID_RANGE_EX_START_MV, starts[0]);
            assertEquals(ex, starts[1], 1e-9, "slope start for EX " + ex);
        }
        // a known EX is the only start; a series whose g_lin never varies has no slope to start from
        assertArrayEquals(new double[] {-85}, ConductanceDecomposition.exStarts(exactObservations(-90, 0, 1), -85));
        List<ConductanceDecomposition.Observation> flat = List.of(
                new ConductanceDecomposition.Observation("a", "1", 1, 3, -70, 0.1, 0.3),
                new ConductanceDecomposition.Observation("b", "1", 2, 3, -72, 0.1, 0.3),
                new ConductanceDecomposition.Observation("c", "1", 4, 3, -74, 0.1, 0.3));
        assertArrayEquals(new double[] {ConductanceDecomposition.MID_RANGE_EX_START_MV},
                ConductanceDecomposition.exStarts(flat, Double.NaN));
    }

    @Test
    void anExtraConductanceIsFoundWhereverItReverses() {
        // not only near EK: a cation-like conductance too (3 cells × 5 levels, noisy g_lin / E_lin)
        for (double ex : new double[] {-115, -20, 10, 40}) {
            for (long seed = 1; seed <= 2; seed++) {
                ConductanceDecomposition.Result r = ConductanceDecomposition.fit(exactObservations(ex, 1, seed), 0, 1);
                assertTrue(r.identified(), ex + ": " + r.identification().reason());
                assertEquals(ex, r.ex().value(), 2, "EX");
                assertEquals(4.0, r.law().value(0), 0.5, "gmax");
            }
        }
    }
}
