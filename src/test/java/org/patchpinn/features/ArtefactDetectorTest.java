package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.report.FeaturesReport;
import org.patchpinn.PatchPinnException;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.sim.NoiseModel;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.sim.Stimulus;
import org.patchpinn.sim.SyntheticRecording;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

/**
 * Artefacts added to recordings simulated with the project's simulator (traub-rs-m, 0.05 ms, 0.1 mV white noise)
 * are found: a series resistance (V + Rs·I), a baseline drift, 50 Hz hum, and depolarisation block of a model
 * with little K+ conductance on strong steps.
 */
class ArtefactDetectorTest {
    private static final double DT = 0.05;
    private static final double[] STEPS_PA = {-100, -50, 0, 100, 200};
    private static final double RS_MOHM = 20;
    private static final double DRIFT_PER_SWEEP_MV = 1.4;
    private static final double HUM_MV = 1.0;

    private static Recording clean;

    /** traub-rs-m steps of 100-600 ms in 1 s sweeps, with a second, hyperpolarising, pulse at 650 ms. */
    private static synchronized Recording clean() {
        if (clean == null) {
            clean = simulate();
        }
        return clean;
    }

    private static Recording simulate() {
        ModelSpec m = BuiltinModels.get("traub-rs-m");
        List<Stimulus> commands = new ArrayList<>();
        for (double a : STEPS_PA) {
            commands.add(Stimuli.sum(Stimuli.step(100, 500, a), Stimuli.step(650, 50, -50)));
        }
        return SyntheticRecording.generate(m, m.values(), commands, 1000, DT, NoiseModel.white(0.1), 7);
    }

    /**
     * The recording as a rig would record it: + Rs·I, + drift·k on sweep k, + 50 Hz hum on sweeps in
     * {@code hum}.
     */
    private static Recording withArtefacts(Recording r, double rsMohm, double driftPerSweep, List<Integer> hum) {
        Recording.Builder b = Recording.builder().format("simulated", "").sampleRateHz(r.sampleRateHz())
                .channel("Vm", "mV").commandUnit("pA");
        for (int k = 0; k < r.sweepCount(); k++) {
            double[] v = r.sweep(k).channel(0).toDoubleArray();
            double[] c = r.sweep(k).command().toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += rsMohm * c[i] * 1e-3 + driftPerSweep * k;
                if (hum.contains(k)) {
                    v[i] += HUM_MV * Math.sin(2 * Math.PI * 50 * (i * DT / 1000) + 0.3 * k);
                }
            }
            b.sweep(new Sweep(List.of(Trace.of(v)), Trace.of(c)));
        }
        return b.build();
    }

    @Test
    void seriesResistanceDriftAndHumAreFound() {
        Recording clean = clean();
        Recording rig = withArtefacts(clean, RS_MOHM, DRIFT_PER_SWEEP_MV, List.of(1, 3));
        RecordingArtefacts a = ArtefactDetector.analyse(rig);
        // Bridge: within 5 % of the added Rs for the recording; within 15 % per sweep (the 0 pA sweep has only
        // the 50 pA pulse's edges: 0.1 mV noise / 50 pA = 2 MOhm).
        assertEquals(RS_MOHM, a.bridgeMohm(), 0.05 * RS_MOHM, "recording Rs");
        for (SweepArtefacts s : a.sweeps()) {
            assertEquals(RS_MOHM, s.bridgeMohm(), 0.15 * RS_MOHM, "sweep " + s.sweep() + " Rs");
            assertEquals(DRIFT_PER_SWEEP_MV * s.sweep(), s.driftMv(), 0.1, "sweep " + s.sweep() + " drift");
            if (s.sweep() == 1 || s.sweep() == 3) {
                assertEquals(HUM_MV, s.humMv(), 0.1, "sweep " + s.sweep() + " hum");
            } else {
                assertTrue(s.humMv() < 0.1, "sweep " + s.sweep() + " hum " + s.humMv());
            }
        }
        // Flags: drift > 3 mV on sweeps 3 and 4 (4.2, 5.6 mV); hum on 1 and 3; the simulated cell (Rin ~ 400 MOhm)
        // is not flagged for a 20 MOhm bridge error (5 %).
        assertEquals(List.of(3, 4), flagged(a, "baseline drift"));
        assertEquals(List.of(1, 3), flagged(a, "mains hum"));
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("baseline drift: up to +5.6 mV")), a.warnings()
                .toString());
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("mains hum: up to ")
                && w.contains("at 50 Hz (sweeps 1, 3)")), a.warnings().toString());
        assertTrue(a.blockedSweeps().isEmpty(), "no block in a regular-spiking cell: " + a.blockedSweeps());

        // The same cell without artefacts: nothing found, nothing flagged.
        RecordingArtefacts none = ArtefactDetector.analyse(clean);
        assertEquals(0, none.bridgeMohm(), 0.5);
        assertTrue(none.maxAbsDriftMv() < 0.05, "drift " + none.maxAbsDriftMv());
        assertTrue(none.maxHumMv() < 0.1, "hum " + none.maxHumMv());
        assertTrue(none.warnings().isEmpty(), none.warnings().toString());

        // Removing Rs·I and an LJP restores the clean trace (to the Rs estimate's error times the current).
        int k = 4;
        double[] v = rig.sweep(k).channel(0).toDoubleArray();
        double[] c = rig.sweep(k).command().toDoubleArray();
        double[] corrected = a.correctedVoltage(v, c, -10);
        double[] truth = clean.sweep(k).channel(0).toDoubleArray();
        double worst = 0;
        for (int i = 0; i < v.length; i++) {
            worst = Math.max(worst, Math.abs(corrected[i] - (truth[i] + DRIFT_PER_SWEEP_MV * k + 10)));
        }
        assertTrue(worst < 0.05 * RS_MOHM * 200 * 1e-3 + 1e-3, "corrected V off by " + worst + " mV");
    }

    @Test
    void aBridgeReadWhereTheElectrodeHasNotSettledIsNotSubtracted() {
        // A sharp electrode whose bridge is balanced at steady state (Rbal = Re = 150 MOhm) but whose own voltage
        // drop builds up with a 0.4 ms time constant: at each edge the recorded V first jumps by -Rbal*dI, then
        // relaxes. The jump read 0.15-0.75 ms after the edge is no Rs; subtracting it would shift every step.
        Recording clean = clean();
        double re = 150;
        double tauE = 0.4;
        Recording.Builder b = Recording.builder().format("simulated", "").sampleRateHz(clean.sampleRateHz())
                .channel("Vm", "mV").commandUnit("pA");
        for (int k = 0; k < clean.sweepCount(); k++) {
            double[] v = clean.sweep(k).channel(0).toDoubleArray();
            double[] c = clean.sweep(k).command().toDoubleArray();
            double drop = 0;
            for (int i = 0; i < v.length; i++) {
                drop += (re * c[i] * 1e-3 - drop) * (1 - Math.exp(-DT / tauE));
                v[i] += drop - re * c[i] * 1e-3;
            }
            b.sweep(new Sweep(List.of(Trace.of(v)), Trace.of(c)));
        }
        RecordingArtefacts a = ArtefactDetector.analyse(b.build(), 400);
        assertTrue(Double.isNaN(a.bridgeMohm()), "Rs " + a.bridgeMohm());
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("bridge balance not measured: V has not settled")),
                a.warnings().toString());
        // the settled rig of the test above still reads its Rs
        assertEquals(RS_MOHM, ArtefactDetector.analyse(withArtefacts(clean, RS_MOHM, 0, List.of()), 400).bridgeMohm(),
                0.05 * RS_MOHM);
    }

    @Test
    void aStepThatNeverReachedTheCellIsFlaggedAndTheOthersAreNot() {
        // Sweep 0's -100 pA step as a rig that did not pass it on records it: V stays where it was
        Recording clean = clean();
        Recording.Builder b = Recording.builder().format("simulated", "").sampleRateHz(clean.sampleRateHz())
                .channel("Vm", "mV").commandUnit("pA");
        for (int k = 0; k < clean.sweepCount(); k++) {
            double[] v = clean.sweep(k).channel(0).toDoubleArray();
            double[] c = clean.sweep(k).command().toDoubleArray();
            if (k == 0) {
                double rest = v[(int) (90 / DT)];
                for (int i = (int) (100 / DT); i < (int) (600 / DT); i++) {
                    v[i] = rest + 0.1 * Math.sin(i);
                }
            }
            b.sweep(new Sweep(List.of(Trace.of(v)), Trace.of(c)));
        }
        RecordingArtefacts a = ArtefactDetector.analyse(b.build(), 400);
        assertEquals(List.of(0), a.unresponsiveSweeps(), a.sweeps().toString());
        assertEquals(List.of(0), a.excludedSweeps());
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("no response: sweeps 0 ")), a.warnings().toString());
        assertTrue(ArtefactDetector.analyse(clean, 400).unresponsiveSweeps().isEmpty());
    }

    @Test
    void absoluteLevelsAreJudgedAfterTheJunctionPotentialTheFitSubtracts() {
        // the clean cell recorded 55 mV too high: its baseline (about -10 mV) is flagged, unless the fit's
        // --ljp_mv 55 is applied first; the bridge reading, a difference, is the same either way
        Recording high = withArtefacts(clean(), 0, 0, List.of());
        Recording.Builder b = Recording.builder().format("simulated", "").sampleRateHz(high.sampleRateHz())
                .channel("Vm", "mV").commandUnit("pA");
        for (int k = 0; k < high.sweepCount(); k++) {
            double[] v = high.sweep(k).channel(0).toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += 55;
            }
            b.sweep(new Sweep(List.of(Trace.of(v)), high.sweep(k).command()));
        }
        Recording offset = b.build();
        RecordingArtefacts raw = ArtefactDetector.analyse(offset);
        RecordingArtefacts corrected = ArtefactDetector.analyseCorrected(offset, 55);
        assertTrue(raw.warnings().stream().anyMatch(w -> w.startsWith("depolarised baseline")), raw.warnings()
                .toString());
        assertTrue(corrected.warnings().stream().noneMatch(w -> w.startsWith("depolarised baseline")),
                corrected.warnings().toString());
        assertEquals(ArtefactDetector.analyse(clean()).bridgeMohm(), corrected.bridgeMohm(), 1e-9);
    }

    @Test
    void largeBridgeErrorIsFlaggedRelativeToInputResistance() {
        RecordingArtefacts a = ArtefactDetector.analyse(withArtefacts(clean(), 60, 0, List.of()), 400);
        assertEquals(60, a.bridgeMohm(), 3);
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("bridge balance: Rs 6")), a.warnings().toString());
        RecordingArtefacts small = ArtefactDetector.analyse(withArtefacts(clean(), 10, 0, List.of()), 400);
        assertTrue(small.warnings().isEmpty(), small.warnings().toString());
    }

    /** traub-rs-m with gK 250 nS (instead of 711), 500 ms steps of these amplitudes (pA) in 800 ms sweeps. */
    private static Recording lowPotassiumSteps(double... stepsPa) {
        ModelSpec m = BuiltinModels.get("traub-rs-m").withValue("gK", 250);
        List<Stimulus> commands = new ArrayList<>();
        for (double a : stepsPa) {
            commands.add(Stimuli.step(100, 500, a));
        }
        return SyntheticRecording.generate(m, m.values(), commands, 800, DT, NoiseModel.white(0.1), 3);
    }

    @Test
    void strongStepsDriveALowPotassiumModelIntoBlock() {
        // gK 250 nS instead of 711: firing through the step at 100 and 400 pA (50 spikes), block from 1600 pA
        // (a few spikes, then V held near -17 mV).
        RecordingArtefacts a = ArtefactDetector.analyse(lowPotassiumSteps(-50, 100, 400, 1600, 3200));
        assertEquals(List.of(3, 4), a.blockedSweeps(), a.sweeps().toString());
        for (int k : a.blockedSweeps()) {
            List<String> notes = a.sweep(k).notes();
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("depolarisation block: spikes stop")),
                    notes.toString());
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("spike count falls")), notes.toString());
        }
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("depolarisation block: sweeps 3-4")),
                a.warnings().toString());
        assertTrue(a.warnings().stream().noneMatch(w -> w.contains("phasic")), "2 of 4 firing steps: "
                + a.warnings());
    }

    @Test
    void mostFiringStepsInBlockWarnThatAPhasicCellLooksTheSame() {
        // the model above with one step that fires through and three in block: the warning says a phasic cell,
        // which fires a burst on every step, would be flagged the same way
        RecordingArtefacts a = ArtefactDetector.analyse(lowPotassiumSteps(-50, 100, 1600, 2400, 3200));
        assertEquals(List.of(2, 3, 4), a.blockedSweeps(), a.sweeps().toString());
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("depolarisation block: sweeps 2-4")
                && w.contains("3 of the 4 steps with spikes or block: a phasic cell")), a.warnings().toString());
    }

    @Test
    void humIsTold50From60AndFromBroadbandNoise() {
        int n = 20000; // 1 s at 0.05 ms
        java.util.Random rnd = new java.util.Random(5);
        double[] hum60 = new double[n];
        double[] fluctuating = new double[n];
        double ar = Math.exp(-DT / 5); // synaptic-like noise: AR(1) with tau 5 ms, SD about 1.5 mV
        double x = 0;
        for (int i = 0; i < n; i++) {
            double t = i * DT / 1000;
            hum60[i] = -60 + 0.7 * Math.cos(2 * Math.PI * 60 * t) + 0.2 * Math.cos(2 * Math.PI * 180 * t)
                    + 0.1 * rnd.nextGaussian();
            x = ar * x + 1.5 * Math.sqrt(1 - ar * ar) * rnd.nextGaussian();
            fluctuating[i] = -60 + x;
        }
        List<int[]> stretches = List.of(new int[] {0, 3000}, new int[] {12000, n});
        MainsHum.Hum h = MainsHum.measure(hum60, DT, stretches);
        assertEquals(60, h.hz());
        assertEquals(Math.hypot(0.7, 0.2), h.amplitudeMv(), 0.03);
        assertTrue(h.floorMv() < 0.05, "floor " + h.floorMv());
        MainsHum.Hum noise = MainsHum.measure(fluctuating, DT, stretches);
        assertTrue(noise.amplitudeMv() < ArtefactDetector.HUM_OVER_FLOOR * noise.floorMv(),
                noise.amplitudeMv() + " mV vs floor " + noise.floorMv() + " mV");
        assertTrue(Double.isNaN(MainsHum.measure(hum60, DT, List.of(new int[] {0, 1000})).amplitudeMv()),
                "50 ms is too short");
    }

    @Test
    void spikeCountFallingWithCurrentMarksTheSweep() {
        var falls = DepolarisationBlock.countFalls(new double[] {-50, 50, 100, 150, 200}, new int[] {0, 8, 12, 11, 3});
        assertEquals(List.of(4), List.copyOf(falls.keySet()), "12 -> 11 is noise, 12 -> 3 is a fall");
    }

    @Test
    void jsonAndRefusals() {
        RecordingArtefacts a = ArtefactDetector.analyse(withArtefacts(clean(), RS_MOHM, 0, List.of()));
        JsonObject j = FeaturesReport.artefacts(a);
        assertEquals(a.bridgeMohm(), j.get("bridge_MOhm").getAsDouble());
        assertEquals(STEPS_PA.length, j.getAsJsonArray("sweeps").size());
        JsonObject s0 = j.getAsJsonArray("sweeps").get(0).getAsJsonObject();
        assertEquals(0, s0.get("drift_mV").getAsDouble());
        assertFalse(s0.get("depolarisation_block").getAsBoolean());
        assertThrows(IllegalArgumentException.class, () -> a.correctedVoltage(new double[3], new double[2], 0));

        Recording vc = Recording.builder().format("simulated", "").sampleRateHz(20000).channel("Im", "pA")
                .commandUnit("mV").sweep(new Sweep(List.of(Trace.of(new double[100])), Trace.of(new double[100])))
                .build();
        assertThrows(NotCurrentClampException.class, () -> ArtefactDetector.analyse(vc));
        Recording noCommand = Recording.builder().format("simulated", "").sampleRateHz(20000).channel("Vm", "mV")
                .sweep(new Sweep(List.of(Trace.of(new double[100])), null)).build();
        PatchPinnException e = assertThrows(PatchPinnException.class, () -> ArtefactDetector.analyse(noCommand));
        assertTrue(e.getMessage().contains("no command waveform"), e.getMessage());
    }

    private static List<Integer> flagged(RecordingArtefacts a, String note) {
        return a.sweeps().stream().filter(s -> s.notes().stream().anyMatch(n -> n.startsWith(note)))
                .map(SweepArtefacts::sweep).toList();
    }
}
