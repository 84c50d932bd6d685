package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.io.Recordings;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;

/**
 * The artefacts of the public real current-clamp recordings (shared/data/abf): finite and plausible, and the
 * recording facts visible by eye are found (171116sh_0018's ≈ 11 MΩ bridge error against its 107 MΩ input
 * resistance, 17o05028's resting potential sinking by ≈ 17 mV over the protocol).
 */
class ArtefactRealRecordingsTest {
    private static RecordingArtefacts analyse(String file) {
        return ArtefactDetector.analyse(Recordings.open(SharedData.path("data/abf/" + file)));
    }

    /** Every sweep's Rs and drift finite (but where the command has no step), hum finite where measured. */
    private static void assertPlausible(RecordingArtefacts a, int sweeps, double rsLow, double rsHigh) {
        assertEquals(sweeps, a.sweeps().size());
        assertTrue(a.bridgeMohm() >= rsLow && a.bridgeMohm() <= rsHigh, "Rs " + a.bridgeMohm());
        for (SweepArtefacts s : a.sweeps()) {
            boolean noStep = s.notes().stream().anyMatch(n -> n.contains("the command has no step"));
            assertTrue(noStep || Math.abs(s.bridgeMohm() - a.bridgeMohm()) < 3, s.toString());
            assertTrue(Double.isFinite(s.driftMv()) && Math.abs(s.driftMv()) < 30, s.toString());
            boolean humMeasured = s.notes().stream().noneMatch(n -> n.startsWith("mains hum not measured"));
            assertTrue(!humMeasured || s.humMv() >= 0 && s.humMv() < 0.3, s.toString());
        }
    }

    @Test
    void sh171116HasABridgeErrorOfElevenMegaohms() {
        RecordingArtefacts a = analyse("171116sh_0018.abf");
        assertPlausible(a, 17, 10, 13);
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("bridge balance: Rs 11")), a.warnings().toString());
        assertTrue(a.maxAbsDriftMv() < 3, "drift " + a.maxAbsDriftMv());
        assertTrue(a.blockedSweeps().isEmpty(), a.blockedSweeps().toString());
        assertEquals(1, a.warnings().size(), a.warnings().toString());
    }

    @Test
    void o05028RestSinksAcrossTheProtocol() {
        RecordingArtefacts a = analyse("17o05028_ic_steps.abf");
        assertPlausible(a, 16, 12, 16);
        assertTrue(a.sweep(15).driftMv() < -12, a.sweep(15).toString());
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("baseline drift")), a.warnings().toString());
    }

    @Test
    void f18711001AndAxon5() {
        RecordingArtefacts a = analyse("18711001.abf");
        assertPlausible(a, 30, 10, 13);
        assertTrue(a.blockedSweeps().isEmpty(), a.blockedSweeps().toString());
        // Its only hyperpolarising epoch is the -100 pA prepulse (not the stimulus window, so the features give no
        // input resistance): measured there, about 210 MOhm, and Rs is 5.3 % of it.
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("bridge balance: Rs 11.")
                && w.contains("input resistance (2")), a.warnings().toString());
        RecordingArtefacts b = analyse("File_axon_5.abf");
        assertPlausible(b, 9, -3, 0);
        assertTrue(Double.isNaN(b.sweep(2).bridgeMohm()), "sweep 2 is at 0 pA throughout");
        assertEquals(List.of(), b.warnings());
    }

    @Test
    void aRecordingWhoseBaselineSitsNearMinus15MvIsFlagged() {
        // 99111002.nwb (Hippocampus Hub): its voltage rests near -15 mV on every sweep
        RecordingArtefacts a = ArtefactDetector.analyse(Recordings.open(SharedData.path("data/other/nwb/99111002.nwb")));
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("depolarised baseline")), a.warnings().toString());
        // its step responses give a negative input resistance: no scale for the bridge error, so not flagged
        assertTrue(a.warnings().stream().noneMatch(w -> w.startsWith("bridge balance: Rs")), a.warnings().toString());
        assertTrue(analyse("171116sh_0018.abf").warnings().stream().noneMatch(w -> w.startsWith("depolarised")));
    }
}
