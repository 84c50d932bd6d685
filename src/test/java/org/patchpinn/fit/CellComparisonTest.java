package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.patchpinn.features.PassiveSteps;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.io.Recordings;
import org.patchpinn.report.Table;
import org.patchpinn.sim.SimulationResult;
import org.patchpinn.testing.SharedData;

class CellComparisonTest {
    /** Every sweep of a public recording, "simulated" by a model that reproduces it exactly. */
    private static CellComparison perfectModel(String file) throws Exception {
        return comparedWith(file, FitSweep::vMv);
    }

    /** Every sweep of a public recording against a "model" whose V on each sweep is {@code modelV}. */
    private static CellComparison comparedWith(String file, Function<FitSweep, double[]> modelV) throws Exception {
        List<FitSweep> all = FitData.all(Recordings.open(SharedData.path("data/abf/" + file)), 0, 0);
        List<SweepValidation> v = all.stream().map(s -> {
            double[] model = modelV.apply(s);
            int spikes = SpikeTimes.detect(model, s.dtMs()).length;
            return new SweepValidation(s, false, new SimulationResult(s.dtMs(), model, s.iPa(), Map.of(), Map.of()),
                    0, 1, SpikeTimes.detect(s.vMv(), s.dtMs()).length, spikes, Map.of(), Map.of(),
                    SweepRoles.TRAINING);
        }).toList();
        return CellComparison.of(v);
    }

    @Test
    void aDriftingCellsRestIsReportedWithItsRange() throws Exception {
        // 17o05028: firing spontaneously early on, at -61 mV by the end (the rests before the first command change of
        // sweeps 10-15; sweeps 1-9 spike there, and sweep 0, spike-free there at -43.5 mV, fires at the holding
        // current after its step: between spikes, not at rest)
        CellComparison c = perfectModel("17o05028_ic_steps.abf");
        CellComparison.RestRange rest = c.dataRest();
        assertEquals(6, rest.sweeps());
        assertEquals(-60.9, rest.lowMv(), 0.2);
        assertEquals(-46.9, rest.highMv(), 0.2);
        assertTrue(rest.drifts());
        assertTrue(rest.note().contains("-60.9 to -46.9 mV on 6 sweeps"), rest.note());
        Table t = c.cellTable();
        assertEquals(5, t.rowCount());
        assertEquals(0, ((Number) t.get(0, "model - data")).doubleValue(), 1e-9);
        assertEquals(rest.note(), t.get(0, "note"));
        assertEquals("+0 steps of the protocol", t.get(3, "note"));
    }

    @Test
    void aPassiveFigureTheModelDoesNotShowSaysWhy() throws Exception {
        // a "model" whose V never moves: the data's input resistance and time constant are measured, the model's not
        Table t = comparedWith("171116sh_0018.abf", s -> {
            double[] flat = new double[s.vMv().length];
            Arrays.fill(flat, -70);
            return flat;
        }).cellTable();
        for (int row : new int[] {1, 2}) {
            assertTrue(Double.isFinite(((Number) t.get(row, "data")).doubleValue()), t.get(row, "quantity").toString());
            assertTrue(Double.isNaN(((Number) t.get(row, "model")).doubleValue()), t.get(row, "quantity").toString());
            assertTrue(t.get(row, "note").toString().startsWith("not measured on the model's simulation"),
                    t.get(row, "note").toString());
        }
        assertEquals("", CellComparison.unmeasured(1, 2));
        assertEquals("", CellComparison.unmeasured(Double.NaN, Double.NaN));
    }

    @Test
    void aModelThatFiresAtTheHoldingCurrentWhereTheCellRestsIsNamed() throws Exception {
        // the cell fires at its holding current in 17o05028 (spontaneously, sweeps 1-9): a model doing the same is not named
        CellComparison same = perfectModel("17o05028_ic_steps.abf");
        assertTrue(same.fiCurve().stream().anyMatch(r -> r.dataAtHolding() > 0));
        assertEquals(List.of(), same.sweepsFiringAtHoldingAlone());
        // one spike (a 1 ms pulse to +20 mV) 50 ms before the end of 171116sh_0018's sweep 3, after its step
        CellComparison c = comparedWith("171116sh_0018.abf", s -> {
            double[] v = s.vMv().clone();
            if (s.index() == 3) {
                int end = v.length - (int) Math.round(50 / s.dtMs());
                Arrays.fill(v, end - (int) Math.round(1 / s.dtMs()), end, 20);
            }
            return v;
        });
        assertEquals(List.of(3), c.sweepsFiringAtHoldingAlone());
        // its sweeps step twice (and hyperpolarise between): the spikes of the second step are not at holding
        assertTrue(c.fiCurve().stream().allMatch(r -> r.dataAtHolding() == 0), c.fiCurve().toString());
        CellComparison.FiRow row = c.fiCurve().stream().filter(r -> r.sweep() == 3).findFirst().orElseThrow();
        assertEquals(0, row.dataAtHolding());
        assertEquals(1, row.modelAtHolding());
        assertEquals(row.dataSpikes(), row.modelSpikes(), "the step window is unchanged");
        Table t = c.cellTable();
        assertEquals("spikes at the holding current", t.get(4, "quantity"));
        assertEquals(1, ((Number) t.get(4, "model - data")).doubleValue(), 1e-9);
        assertTrue(t.get(4, "note").toString().endsWith("on sweeps [3]"), t.get(4, "note").toString());
    }

    @Test
    void anInputResistanceThatChangesOverTheRecordingIsNamed() throws Exception {
        // 171116sh_0018: ~110 MOhm on its first sweeps; its -100 pA test pulses come 500 ms after ever stronger
        // trains, and read ~90 MOhm on its last ones
        CellComparison c = perfectModel("171116sh_0018.abf");
        CellComparison.ResistanceTrend trend = c.dataResistance();
        assertEquals(17, trend.sweeps());
        assertEquals(110, trend.firstMOhm(), 3);
        assertEquals(91, trend.lastMOhm(), 3);
        assertTrue(trend.changes());
        // read on its test pulse alone, which every sweep has: a change in time, not a step of another size
        assertTrue(trend.sameSteps(), trend.toString());
        assertEquals(-100, trend.firstStepPa(), 5);
        assertEquals(-100, trend.lastStepPa(), 5);
        assertTrue(c.resistanceNote().contains("110 MOhm over the first third of the 17 sweeps that measure it, 91 over the last"),
                c.resistanceNote());
        assertEquals(c.resistanceNote(), c.cellTable().get(1, "note"));
        // 18711001's membrane holds over its 30 sweeps: no note
        CellComparison steady = perfectModel("18711001.abf");
        assertFalse(steady.dataResistance().changes(), steady.dataResistance().toString());
        assertEquals("", steady.cellTable().get(1, "note"));
    }

    /**
     * Four RC responses whose resistance rises from 555 to 916 MOhm over the recording: on steps of one size that is a
     * change over the recording; on a protocol stepping -50, -35, -20, -5 pA (session 44's 2023_03_16_01_0007 read
     * those figures on those steps) it may as well be the membrane's voltage dependence, and the note says so.
     */
    @Test
    void aResistanceReadOnStepsOfDifferentSizeIsNotCalledAChangeOverTheRecording() {
        double[] rin = {555, 650, 780, 916};
        CellComparison.ResistanceTrend oneSize = CellComparison.ResistanceTrend.of(List.of(rc(-20, rin[0]),
                rc(-20, rin[1]), rc(-20, rin[2]), rc(-20, rin[3])));
        assertTrue(oneSize.changes() && oneSize.sameSteps(), oneSize.toString());
        assertTrue(oneSize.note().startsWith("the cell's input resistance changes over the recording: 555 MOhm over "
                + "the first third of the 4 sweeps that measure it, 916 over the last;"), oneSize.note());
        CellComparison.ResistanceTrend protocol = CellComparison.ResistanceTrend.of(List.of(rc(-50, rin[0]),
                rc(-35, rin[1]), rc(-20, rin[2]), rc(-5, rin[3])));
        assertTrue(protocol.changes(), protocol.toString());
        assertFalse(protocol.sameSteps(), protocol.toString());
        assertEquals(-50, protocol.firstStepPa(), 1e-6);
        assertEquals(-5, protocol.lastStepPa(), 1e-6);
        assertFalse(protocol.note().contains("changes over the recording:"), protocol.note());
        assertTrue(protocol.note().contains("555 MOhm on -50 pA steps over the first third of the 4 sweeps that "
                + "measure it, 916 on -5 pA steps over the last; a protocol ordered by step size cannot tell"),
                protocol.note());
    }

    /** A 300 ms step of {@code pa} from 0 pA on a membrane of {@code mohm} and τ 20 ms, 0.1 ms samples. */
    private static PassiveSteps rc(double pa, double mohm) {
        double dt = 0.1;
        double[] v = new double[6000];
        double[] c = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double t = i * dt;
            boolean on = t >= 100 && t < 400;
            c[i] = on ? pa : 0;
            double dv = mohm * pa / 1000;
            v[i] = -65 + (on ? dv * (1 - Math.exp(-(t - 100) / 20))
                    : t >= 400 ? dv * (1 - Math.exp(-300 / 20.0)) * Math.exp(-(t - 400) / 20) : 0);
        }
        return PassiveSteps.of(v, c, dt);
    }

    /**
     * 171116sh_0018 sags on its hyperpolarising steps (eFEL sag ratio 0.24): a model without a current opening on
     * hyperpolarisation — here the data with every hyperpolarising command's response held at its running minimum,
     * so it never relaxes from its peak — is named in the input resistance's note; the cell itself, as its own
     * model, is not.
     */
    @Test
    void aCellThatSagsWhereTheModelDoesNotIsNamed() throws Exception {
        CellComparison same = perfectModel("171116sh_0018.abf");
        assertTrue(2 * same.data().sagSteps() >= same.data().steps(), same.data().toString());
        assertEquals("", same.sagNote());
        CellComparison c = comparedWith("171116sh_0018.abf", CellComparisonTest::withoutSag);
        assertEquals(same.data().sagSteps(), c.data().sagSteps());
        assertEquals(0, c.model().sagSteps(), c.model().toString());
        assertTrue(c.sagNote().startsWith(String.format(Locale.ROOT, "the cell sags on %d of its %d "
                + "hyperpolarising steps, the model on 0 of %d", c.data().sagSteps(), c.data().steps(),
                c.model().steps())), c.sagNote());
        assertTrue(c.cellTable().get(1, "note").toString().endsWith(c.sagNote()));
    }

    /** V held at its running minimum wherever the command is below its first value (the holding current). */
    private static double[] withoutSag(FitSweep s) {
        double[] v = s.vMv().clone();
        double[] cmd = s.iPa();
        double low = Double.NaN;
        for (int i = 0; i < v.length; i++) {
            if (cmd[i] < cmd[0] - 1) {
                low = Double.isNaN(low) ? v[i] : Math.min(low, v[i]);
                v[i] = low;
            } else {
                low = Double.NaN;
            }
        }
        return v;
    }

    @Test
    void aSteadyRestHasNoNote() throws Exception {
        CellComparison.RestRange rest = perfectModel("171116sh_0018.abf").dataRest();
        assertEquals(17, rest.sweeps());
        assertFalse(rest.drifts(), rest.toString());
        assertEquals("", rest.note());
    }
}
