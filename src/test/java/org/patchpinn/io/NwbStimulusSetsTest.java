package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.trace.ClampMode;
import org.patchpinn.trace.Recording;

/**
 * An NWB file laid out as MIES (the Allen Institute's acquisition) writes one: every protocol run on the cell in one
 * file, each sweep a CurrentClampSeries or VoltageClampSeries with its {@code sweep_number} attribute and
 * {@code stimulus_description}, the sets of different lengths and rates. It was refused as a whole ("the sweeps of
 * one recording have one length"); now one set is read: the long current steps by default, any other by --series.
 */
class NwbStimulusSetsTest {
    @TempDir
    Path tmp;

    /** A set of {@code sweeps} sweeps: V a copy of the command (mV = pA here), sampled at {@code rateHz}. */
    private static int addSet(io.jhdf.api.WritableGroup acq, io.jhdf.api.WritableGroup stim, int firstSweep,
                              String description, String type, int sweeps, int samples, double rateHz,
                              java.util.function.BiFunction<Integer, Integer, Double> command) {
        boolean vc = type.equals("VoltageClampSeries");
        for (int k = 0; k < sweeps; k++) {
            int number = firstSweep + k;
            double[] c = new double[samples];
            for (int i = 0; i < samples; i++) {
                c[i] = command.apply(k, i);
            }
            var g = acq.putGroup(String.format("data_%05d_AD0", number));
            g.putAttribute("neurodata_type", type);
            g.putAttribute("stimulus_description", description);
            g.putAttribute("sweep_number", (long) number);
            double[] v = new double[samples];
            for (int i = 0; i < samples; i++) {
                v[i] = -70 + c[i] * 0.1;
            }
            var data = g.putDataset("data", v);
            data.putAttribute("unit", vc ? "amperes" : "volts");
            data.putAttribute("conversion", vc ? 1e-12 : 1e-3);
            g.putDataset("starting_time", new double[] {number * 10.0}).putAttribute("rate", rateHz);
            var s = stim.putGroup(String.format("data_%05d_DA0", number));
            s.putAttribute("neurodata_type", vc ? "VoltageClampStimulusSeries" : "CurrentClampStimulusSeries");
            s.putAttribute("stimulus_description", description);
            s.putAttribute("sweep_number", (long) number);
            var cd = s.putDataset("data", c);
            cd.putAttribute("unit", vc ? "volts" : "amperes");
            cd.putAttribute("conversion", vc ? 1e-3 : 1e-12);
            s.putDataset("starting_time", new double[] {number * 10.0}).putAttribute("rate", rateHz);
        }
        return firstSweep + sweeps;
    }

    /** What a test writes after the seal test: sets from sweep {@code next} on. */
    private interface Sets {
        void add(io.jhdf.api.WritableGroup acq, io.jhdf.api.WritableGroup stim, int next);
    }

    /** An NWB file as MIES starts one, a voltage-clamp seal test (sweep 0), then {@code sets}. */
    private Path file(String name, Sets sets) {
        Path f = tmp.resolve(name);
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(f)) {
            w.putAttribute("nwb_version", "2.2.5");
            var acq = w.putGroup("acquisition");
            var stim = w.putGroup("stimulus").putGroup("presentation");
            sets.add(acq, stim, addSet(acq, stim, 0, "EXTPSMOKET_DA_0", "VoltageClampSeries", 1, 2_000, 20_000,
                    (k, i) -> i >= 500 && i < 1_500 ? 10.0 : 0.0));
        }
        return f;
    }

    private Path miesLikeFile() {
        // a seal test (voltage clamp), 6 short squares of 3 ms, 4 long squares of 1 s, 2 ramps: sweeps 0-13
        return file("mies.nwb", (acq, stim, first) -> {
            int n = addSet(acq, stim, first, "C1SSFINEST_DA_0", "CurrentClampSeries", 6, 30_000, 50_000,
                    (k, i) -> i >= 10_000 && i < 10_150 ? 500.0 + 20 * k : 0.0);
            n = addSet(acq, stim, n, "C1LSCOARSE_DA_0", "CurrentClampSeries", 4, 40_000, 20_000,
                    (k, i) -> i >= 10_000 && i < 30_000 ? -50.0 + 50 * k : 0.0);
            n = addSet(acq, stim, n, "C1RP25PR1S_DA_0", "CurrentClampSeries", 2, 100_000, 20_000,
                    (k, i) -> i < 1_000 ? 0.0 : 25e-3 * (i - 1_000));
            // finer steps near rheobase, a set of their own with the long squares' length and rate
            addSet(acq, stim, n, "C1LSFINEST_DA_0", "CurrentClampSeries", 3, 40_000, 20_000,
                    (k, i) -> i >= 10_000 && i < 30_000 ? 60.0 + 10 * k : 0.0);
        });
    }

    @Test
    void theLongStepsAreReadByDefaultAndAnySetByItsNumberOrDescription() {
        Path f = miesLikeFile();
        Recording r = Recordings.open(f);
        // the long squares and the fine steps: one length, one rate, both with 1 s steps
        assertEquals(7, r.sweepCount(), r.warnings().toString());
        assertEquals(20_000, r.sampleRateHz(), 1e-6);
        assertEquals(40_000, r.sweepLength());
        assertEquals(ClampMode.CURRENT_CLAMP, r.clampMode());
        assertEquals(100.0, r.sweep(3).command().get(20_000), 1e-6);
        assertEquals(80.0, r.sweep(6).command().get(20_000), 1e-6);
        assertEquals("C1LSCOARSE_DA_0 + C1LSFINEST_DA_0", r.protocol());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("5 stimulus sets")
                && w.contains("read sets 3 'C1LSCOARSE_DA_0' + 5 'C1LSFINEST_DA_0'") && w.contains("--series")),
                r.warnings().toString());
        assertEquals(4, Recordings.open(f, "C1LSCOARSE_DA_0", org.patchpinn.task.Progress.NONE).sweepCount());
        assertEquals(7, Recordings.open(f, "5,3", org.patchpinn.task.Progress.NONE).sweepCount());
        RecordingFormatException mixed = assertThrows(RecordingFormatException.class,
                () -> Recordings.open(f, "2,3", org.patchpinn.task.Progress.NONE));
        assertTrue(mixed.getMessage().contains("cannot be one recording"), mixed.getMessage());

        Recording shortSquares = Recordings.open(f, "2", org.patchpinn.task.Progress.NONE);
        assertEquals(6, shortSquares.sweepCount());
        assertEquals(50_000, shortSquares.sampleRateHz(), 1e-6);
        assertEquals(560.0, shortSquares.sweep(3).command().get(10_100), 1e-6);
        assertFalse(shortSquares.warnings().stream().anyMatch(w -> w.contains("stimulus sets")));
        Recording seal = Recordings.open(f, "extpsmoket_da_0", org.patchpinn.task.Progress.NONE);
        assertEquals(ClampMode.VOLTAGE_CLAMP, seal.clampMode());

        List<SeriesEntry> sets = Recordings.series(f);
        assertEquals(List.of("EXTPSMOKET_DA_0", "C1SSFINEST_DA_0", "C1LSCOARSE_DA_0", "C1RP25PR1S_DA_0",
                "C1LSFINEST_DA_0"), sets.stream().map(SeriesEntry::label).toList());
        assertEquals(List.of(1, 6, 4, 2, 3), sets.stream().map(SeriesEntry::sweeps).toList());
        assertEquals(List.of(false, false, true, false, true), sets.stream().map(SeriesEntry::isDefault).toList());

        RecordingFormatException e = assertThrows(RecordingFormatException.class,
                () -> Recordings.open(f, "C9", org.patchpinn.task.Progress.NONE));
        assertTrue(e.getMessage().startsWith(f + ": no stimulus set 'C9'; the file holds 1 'EXTPSMOKET_DA_0'"),
                e.getMessage());
    }

    /**
     * A long-square set whose last sweep stopped early (the cell lost mid-sweep): until session 28 the whole set was
     * refused ("the sweeps of one recording have one length"); now that sweep is a set of its own, named in the
     * warning, and the complete sweeps are read by default or by the set's description.
     */
    @Test
    void aSweepStoppedEarlyIsASetOfItsOwnAndTheCompleteSweepsAreRead() {
        Path f = file("stopped.nwb", (acq, stim, first) -> {
            int n = addSet(acq, stim, first, "C1LSCOARSE_DA_0", "CurrentClampSeries", 4, 40_000, 20_000,
                    (k, i) -> i >= 10_000 && i < 30_000 ? -50.0 + 50 * k : 0.0);
            addSet(acq, stim, n, "C1LSCOARSE_DA_0", "CurrentClampSeries", 1, 25_000, 20_000,
                    (k, i) -> i >= 10_000 && i < 30_000 ? 150.0 : 0.0);
        });
        Recording r = Recordings.open(f);
        assertEquals(4, r.sweepCount(), r.warnings().toString());
        assertEquals(40_000, r.sweepLength());
        assertEquals(100.0, r.sweep(3).command().get(20_000), 1e-6);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("3 stimulus sets")
                && w.contains("3 'C1LSCOARSE_DA_0' (CurrentClampSeries, 1 sweep of 1.25 s at 20000 Hz)")
                && w.contains("read set 2 'C1LSCOARSE_DA_0'")), r.warnings().toString());
        assertEquals(4, Recordings.open(f, "c1lscoarse_da_0", org.patchpinn.task.Progress.NONE).sweepCount());
        Recording stopped = Recordings.open(f, "3", org.patchpinn.task.Progress.NONE);
        assertEquals(1, stopped.sweepCount());
        assertEquals(25_000, stopped.sweepLength());
        RecordingFormatException joined = assertThrows(RecordingFormatException.class,
                () -> Recordings.open(f, "2,3", org.patchpinn.task.Progress.NONE));
        assertTrue(joined.getMessage().contains("cannot be one recording"), joined.getMessage());
    }

    @Test
    void aStepIsAFlatStretchAwayFromHoldingNotARampOrAShortPulse() {
        float[] step = new float[20_000];
        float[] ramp = new float[20_000];
        for (int i = 0; i < step.length; i++) {
            step[i] = i >= 2_000 && i < 12_000 ? 100 : 0;
            ramp[i] = i * 0.01f;
        }
        assertEquals(500, NwbStimulusSets.longestFlatMs(step, 20_000), 1e-9);
        assertTrue(NwbStimulusSets.longestFlatMs(ramp, 20_000) < NwbStimulusSets.MIN_STEP_MS / 10);
        assertEquals(0, NwbStimulusSets.longestFlatMs(new float[100], 20_000));
    }
}
