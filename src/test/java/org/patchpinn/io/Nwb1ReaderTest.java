package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.ClampMode;
import org.patchpinn.trace.Recording;

/**
 * NWB 1 files as the Allen Institute's pipeline wrote them (the Allen Cell Types Database's {@code ephys.nwb}),
 * written here with jHDF in the layout AllenSDK's NwbDataSet and ipfx's NwbPipelineReader read: sweep n is
 * {@code /acquisition/timeseries/Sweep_n} and {@code /stimulus/presentation/Sweep_n}, its clamp mode the last class
 * of {@code ancestry}, its protocol the {@code aibs_stimulus_name} dataset. No real Allen file was at hand (those in
 * public repositories are Git LFS pointers). Such a file used to be refused ("an NWB 1 file … only NWB 2 is read").
 */
class Nwb1ReaderTest {
    /** Long squares: 200 ms at 20 kHz, a 125 ms step from 50 ms on. */
    private static final int LS_SAMPLES = 4_000;

    @TempDir
    Path tmp;

    /** One sweep as the pipeline writes it: response, stimulus, epoch. */
    private record Sweep(int number, String name, boolean voltageClamp, int samples, double rateHz,
                         double amplitude, IntToDoubleFunction command) {
    }

    private static Sweep longSquare(int number, double pa) {
        return new Sweep(number, "Long Square", false, LS_SAMPLES, 20_000, pa,
                i -> i >= 1_000 && i < 3_500 ? pa : 0);
    }

    /**
     * The stored response of a sweep: in current clamp −70 mV plus a tenth of the command, stored in units of
     * 0.1 mV (conversion 1e-4 V) from pipeline version 1.1 on, in volts before; in voltage clamp the command's
     * current, stored in pA.
     */
    private static double stored(Sweep s, int i, boolean si) {
        if (s.voltageClamp()) {
            return si ? s.command().applyAsDouble(i) * 1e-12 : s.command().applyAsDouble(i);
        }
        double mv = -70 + 0.1 * s.command().applyAsDouble(i);
        return si ? mv * 1e-3 : mv * 10;
    }

    /**
     * An Allen-like NWB 1 file. {@code version} is the pipeline version in {@code /general/generated_by} ("1.1": the
     * conversion holds; "1.0": samples in volts and amperes beside a wrong conversion; null: no generated_by).
     */
    private Path file(String name, String version, List<Sweep> sweeps) {
        return file(name, version, sweeps, Map.of());
    }

    /**
     * The same with an Experiment epoch ({@code /epochs/Experiment_n}: idx_start, count) for the sweeps in
     * {@code experiments}; the response after its end is stored as 0, a recording that stopped there.
     */
    private Path file(String name, String version, List<Sweep> sweeps, Map<Integer, int[]> experiments) {
        Path f = tmp.resolve(name);
        boolean si = version == null || version.startsWith("1.0");
        try (WritableHdfFile w = HdfFile.write(f)) {
            w.putDataset("nwb_version", "NWB-1.0.5");
            w.putDataset("identifier", "Allen-like test file");
            w.putDataset("session_start_time", "Tue Mar 29 11:23:32 2016");
            if (version != null) {
                w.putGroup("general").putDataset("generated_by",
                        new String[] {"package", "AIBS ephys pipeline", "version", version});
            }
            WritableGroup acq = w.putGroup("acquisition").putGroup("timeseries");
            WritableGroup pres = w.putGroup("stimulus").putGroup("presentation");
            WritableGroup epochs = w.putGroup("epochs");
            for (Sweep s : sweeps) {
                String series = "Sweep_" + s.number();
                double[] response = new double[s.samples()];
                double[] command = new double[s.samples()];
                int[] experiment = experiments.get(s.number());
                int end = experiment == null ? s.samples() : experiment[0] + experiment[1];
                for (int i = 0; i < s.samples(); i++) {
                    response[i] = i < end ? stored(s, i, si) : 0;
                    // the command in units of 10 pA (conversion 1e-11 A) or, in voltage clamp, mV (1e-3 V)
                    double c = s.command().applyAsDouble(i);
                    command[i] = s.voltageClamp() ? (si ? c * 1e-3 : c) : (si ? c * 1e-12 : c / 10);
                }
                WritableGroup r = acq.putGroup(series);
                r.putAttribute("ancestry", new String[] {"TimeSeries", "PatchClampSeries",
                        s.voltageClamp() ? "VoltageClampSeries" : "CurrentClampSeries"});
                r.putAttribute("neurodata_type", "TimeSeries");
                r.putAttribute("source", "Sweep=" + s.number());
                var data = r.putDataset("data", response);
                data.putAttribute("unit", s.voltageClamp() ? "Amps" : "Volts");
                data.putAttribute("conversion", s.voltageClamp() ? 1e-12 : 1e-4);
                r.putDataset("starting_time", 0.0).putAttribute("rate", s.rateHz());
                r.putDataset("num_samples", s.samples());
                r.putDataset("aibs_stimulus_name", s.name());
                r.putDataset(s.voltageClamp() ? "aibs_stimulus_amplitude_mv" : "aibs_stimulus_amplitude_pa",
                        s.amplitude());
                r.putDataset("aibs_stimulus_interval", 0.0);
                r.putDataset("aibs_stimulus_description", s.name().replace(" ", "") + "_DA_0");
                WritableGroup st = pres.putGroup(series);
                st.putAttribute("ancestry", new String[] {"TimeSeries", "PatchClampSeries",
                        s.voltageClamp() ? "VoltageClampStimulusSeries" : "CurrentClampStimulusSeries"});
                var cd = st.putDataset("data", command);
                cd.putAttribute("unit", s.voltageClamp() ? "Volts" : "Amps");
                cd.putAttribute("conversion", s.voltageClamp() ? 1e-3 : 1e-11);
                st.putDataset("starting_time", 0.0).putAttribute("rate", s.rateHz());
                st.putDataset("aibs_stimulus_name", s.name());
                WritableGroup epoch = epochs.putGroup(series).putGroup("stimulus");
                epoch.putDataset("idx_start", 0);
                epoch.putDataset("count", s.samples());
                if (experiment != null) {
                    WritableGroup e = epochs.putGroup("Experiment_" + s.number()).putGroup("stimulus");
                    e.putDataset("idx_start", experiment[0]);
                    e.putDataset("count", experiment[1]);
                }
            }
        }
        return f;
    }

    /**
     * A voltage-clamp test sweep, long squares of −50, 50 and 150 pA (sweeps 8 to 10, so that file order, "Sweep_10"
     * first, is not sweep order) and a ramp at another rate.
     */
    private static List<Sweep> cell() {
        return List.of(new Sweep(3, "Test", true, 1_000, 20_000, 10, i -> i >= 200 && i < 600 ? 10 : 0),
                longSquare(10, 150), longSquare(8, -50), longSquare(9, 50),
                new Sweep(11, "Ramp", false, 3_000, 10_000, 0, i -> i < 500 ? 0 : 0.05 * (i - 500)));
    }

    private Path cellFile(String name, String version) {
        return file(name, version, cell());
    }

    @Test
    void theLongSquaresAreReadByDefaultInMillivoltsAndPicoamperes() {
        Path f = cellFile("ephys.nwb", "1.1");
        Recording r = Recordings.open(f);
        assertEquals("NWB", r.format());
        assertEquals("NWB-1.0.5", r.formatVersion());
        assertEquals(3, r.sweepCount(), r.warnings().toString());
        assertEquals("Long Square", r.protocol());
        assertEquals(ClampMode.CURRENT_CLAMP, r.clampMode());
        assertEquals(20_000, r.sampleRateHz(), 1e-9);
        assertEquals(LS_SAMPLES, r.sweepLength());
        assertEquals("mV", r.channel(0).unit());
        assertEquals("pA", r.commandUnit());
        double[] pa = {-50, 50, 150};
        for (int k = 0; k < 3; k++) {
            Sweep s = longSquare(8 + k, pa[k]);
            for (int i : new int[] {0, 999, 1_000, 2_000, 3_499, 3_500, LS_SAMPLES - 1}) {
                // stored × conversion (1e-4 V, 1e-11 A), in mV and pA
                assertEquals(stored(s, i, false) * 1e-4 * 1e3, r.sweep(k).channel(0).get(i), 1e-4,
                        "sweep " + k + " sample " + i);
                assertEquals(s.command().applyAsDouble(i), r.sweep(k).command().get(i), 1e-3);
            }
        }
        assertEquals(-55.0, r.sweep(2).channel(0).get(2_000), 1e-4);
        assertEquals("8,9,10", r.metadata().get("sweep_number"));
        assertEquals("-50,50,150", r.metadata().get("aibs_stimulus_amplitude_pa"));
        assertEquals("Long Square,Long Square,Long Square", r.metadata().get("aibs_stimulus_name"));
        assertEquals("1.1", r.metadata().get("aibs_pipeline_version"));
        assertEquals("Allen-like test file", r.metadata().get("identifier"));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("3 stimulus sets")
                && w.contains("read set 2 'Long Square'")), r.warnings().toString());
        assertFalse(r.warnings().stream().anyMatch(w -> w.contains("not applied")), r.warnings().toString());
    }

    @Test
    void anyOtherSetIsReadByItsStimulusName() {
        Path f = cellFile("ephys.nwb", "1.1");
        Recording ramp = Recordings.open(f, "ramp", Progress.NONE);
        assertEquals(1, ramp.sweepCount());
        assertEquals(10_000, ramp.sampleRateHz(), 1e-9);
        assertEquals(3_000, ramp.sweepLength());
        assertEquals(100.0, ramp.sweep(0).command().get(2_500), 1e-3);
        assertEquals(-60.0, ramp.sweep(0).channel(0).get(2_500), 1e-4);
        assertEquals("11", ramp.metadata().get("sweep_number"));

        Recording test = Recordings.open(f, "Test", Progress.NONE);
        assertEquals(ClampMode.VOLTAGE_CLAMP, test.clampMode());
        assertEquals("pA", test.channel(0).unit());
        assertEquals("mV", test.commandUnit());
        assertEquals(10.0, test.sweep(0).channel(0).get(300), 1e-6);
        assertEquals(10.0, test.sweep(0).command().get(300), 1e-6);
        assertEquals("10", test.metadata().get("aibs_stimulus_amplitude_mv"));

        List<SeriesEntry> sets = Recordings.series(f);
        assertEquals(List.of("Test", "Long Square", "Ramp"), sets.stream().map(SeriesEntry::label).toList());
        assertEquals(List.of(1, 3, 1), sets.stream().map(SeriesEntry::sweeps).toList());
        assertEquals(List.of(false, true, false), sets.stream().map(SeriesEntry::isDefault).toList());
    }

    /**
     * AllenSDK and ipfx apply {@code conversion} from pipeline version 1.1 on only: earlier files stored volts and
     * amperes beside a wrong conversion, and a file without {@code /general/generated_by} is version 0.0.
     */
    @Test
    void beforePipelineVersion11TheSamplesAreInVoltsAndAmperes() {
        for (String version : new String[] {"1.0", null}) {
            Path f = cellFile("old" + version + ".nwb", version);
            Recording r = Recordings.open(f);
            assertEquals(3, r.sweepCount());
            assertEquals(-75.0, r.sweep(0).channel(0).get(2_000), 1e-4, "version " + version);
            assertEquals(-50.0, r.sweep(0).command().get(2_000), 1e-3);
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("1.0E-4")
                    && w.contains("are not applied")), r.warnings().toString());
        }
        Path bad = cellFile("badversion.nwb", "one");
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(bad));
        assertTrue(e.getMessage().startsWith(bad + ": /general/generated_by: pipeline version 'one'"),
                e.getMessage());
    }

    @Test
    void aSeriesWithoutAUnitIsRefusedNamingFileAndSeries() {
        Path f = tmp.resolve("nounit.nwb");
        try (WritableHdfFile w = HdfFile.write(f)) {
            w.putDataset("nwb_version", "NWB-1.0.5");
            WritableGroup r = w.putGroup("acquisition").putGroup("timeseries").putGroup("Sweep_8");
            r.putAttribute("ancestry", new String[] {"TimeSeries", "PatchClampSeries", "CurrentClampSeries"});
            r.putDataset("data", new double[] {-0.07, -0.07}).putAttribute("conversion", 1.0);
            r.putDataset("starting_time", 0.0).putAttribute("rate", 20_000.0);
        }
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(f));
        assertTrue(e.getMessage().startsWith(f + ": /acquisition/timeseries/Sweep_8/data: no 'unit' attribute"),
                e.getMessage());
    }

    /**
     * Series without {@code ancestry} are typed by their unit (a recorded current is voltage clamp), so that a
     * voltage-clamp sweep is a set of its own and not read as a channel of the current-clamp one.
     */
    @Test
    void seriesWithoutAncestryAreTypedByTheirUnit() {
        Path f = tmp.resolve("noancestry.nwb");
        try (WritableHdfFile w = HdfFile.write(f)) {
            w.putDataset("nwb_version", "NWB-1.0.5");
            w.putGroup("general").putDataset("generated_by", new String[] {"version", "1.1"});
            WritableGroup acq = w.putGroup("acquisition").putGroup("timeseries");
            for (int k = 1; k <= 2; k++) {
                WritableGroup r = acq.putGroup("Sweep_" + k);
                var data = r.putDataset("data", new double[] {5, 5, 7});
                data.putAttribute("unit", k == 1 ? "Amps" : "Volts");
                data.putAttribute("conversion", k == 1 ? 1e-12 : 1e-3);
                r.putDataset("starting_time", 0.0).putAttribute("rate", 20_000.0);
            }
        }
        assertEquals(List.of("VoltageClampSeries", "CurrentClampSeries"),
                Recordings.series(f).stream().map(SeriesEntry::mode).toList());
        Recording r = Recordings.open(f);
        assertEquals(ClampMode.CURRENT_CLAMP, r.clampMode());
        assertEquals(7.0, r.sweep(0).channel(0).get(2), 1e-9);
    }

    /** MIES wrote NWB 1 too, with another layout (data_00000_AD0) ipfx reads differently: refused, not guessed. */
    @Test
    void otherNwb1LayoutsAreRefusedSaySo() {
        Path f = file("allen.nwb", "1.1", List.of(longSquare(8, 50)));
        Path mies = tmp.resolve("mies.nwb");
        try (WritableHdfFile w = HdfFile.write(mies)) {
            w.putDataset("nwb_version", "NWB-1.0.5");
            WritableGroup r = w.putGroup("acquisition").putGroup("timeseries").putGroup("data_00000_AD0");
            r.putDataset("data", new double[] {-70, -70}).putAttribute("unit", "V");
        }
        assertEquals(1, Recordings.open(f).sweepCount());
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(mies));
        assertTrue(e.getMessage().startsWith(mies + ": an NWB 1 file whose /acquisition/timeseries holds "
                + "'data_00000_AD0'"), e.getMessage());
    }

    /**
     * A sweep whose recording stopped early (its Experiment epoch ends at sample 2,200 of 4,000, 0 stored after it)
     * is read up to there, as AllenSDK and ipfx read it, and so is a stimulus set of its own length, said in a warning;
     * an epoch ending at the sweep's end changes nothing, and one beyond it is refused naming the epoch.
     */
    @Test
    void aSweepIsReadToTheEndOfItsExperimentEpoch() {
        List<Sweep> squares = List.of(longSquare(8, -50), longSquare(9, 50), longSquare(10, 150));
        Path f = file("stopped.nwb", "1.1", squares, Map.of(9, new int[] {200, 2_000}, 10, new int[] {200, 3_800}));
        Recording r = Recordings.open(f);
        assertEquals("8,10", r.metadata().get("sweep_number"), r.warnings().toString());
        assertEquals(LS_SAMPLES, r.sweepLength());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("Experiment")
                && w.contains("sweep 9: 0.110 s of 0.200 s")), r.warnings().toString());
        assertFalse(r.warnings().stream().anyMatch(w -> w.contains("sweep 10:")), r.warnings().toString());
        SeriesEntry stopped = Recordings.series(f).stream().filter(e -> e.sweeps() == 1).findFirst().orElseThrow();
        Recording nine = Recordings.open(f, stopped.id(), Progress.NONE);
        assertEquals("9", nine.metadata().get("sweep_number"));
        assertEquals(2_200, nine.sweepLength());
        for (int i = 0; i < 2_200; i++) {
            assertEquals(stored(longSquare(9, 50), i, false) * 1e-4 * 1e3, nine.sweep(0).channel(0).get(i), 1e-4);
        }
        Path beyond = file("beyond.nwb", "1.1", squares, Map.of(9, new int[] {200, 3_801}));
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(beyond));
        assertTrue(e.getMessage().startsWith(beyond + ": /epochs/Experiment_9/stimulus: idx_start 200 and count 3801"),
                e.getMessage());
    }

    /** Cut anywhere: a clean error naming the file, or (a cut in unused trailing bytes) the complete recording. */
    @Test
    void truncatedFilesGiveCleanErrors() throws IOException {
        Path whole = cellFile("good.nwb", "1.1");
        assertEquals(3, Recordings.open(whole).sweepCount());
        byte[] good = Files.readAllBytes(whole);
        int errors = 0;
        for (int cut : new int[] {8, 100, 512, 2_048, good.length / 4, good.length / 2, good.length - 100}) {
            Path f = tmp.resolve("cut" + cut + ".nwb");
            Files.write(f, Arrays.copyOf(good, cut));
            try {
                Recording r = Recordings.open(f);
                assertEquals(3, r.sweepCount(), "cut at " + cut);
                assertEquals(LS_SAMPLES, r.sweepLength(), "cut at " + cut);
            } catch (RecordingFormatException e) {
                assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
                errors++;
            }
        }
        assertTrue(errors >= 5, errors + " of 7 cuts refused");
    }
}
