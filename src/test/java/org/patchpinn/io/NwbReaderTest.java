package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.ClampMode;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Trace;

class NwbReaderTest {
    @TempDir
    Path tmp;

    /** The NWB file is the ATF benchmark written with h5py: same samples to float32 precision. */
    @Test
    void squidStepsEqualsItsAtf() {
        Recording nwb = Recordings.open(SharedData.path("data/nwb/squid_steps.nwb"));
        Recording atf = Recordings.open(SharedData.path("bench/public/squid_steps.atf"));
        assertEquals("NWB", nwb.format());
        assertEquals(atf.sampleRateHz(), nwb.sampleRateHz());
        assertEquals(atf.sweepCount(), nwb.sweepCount());
        assertEquals(1, nwb.channelCount());
        assertEquals("mV", nwb.channel(0).unit());
        assertEquals("pA", nwb.commandUnit());
        assertEquals(ClampMode.CURRENT_CLAMP, nwb.clampMode());
        assertEquals("steps", nwb.protocol());
        assertEquals("2026-11-25T00:00:00+00:00", nwb.startTime());
        for (int k = 0; k < atf.sweepCount(); k++) {
            assertClose(atf.sweep(k).channel(0), nwb.sweep(k).channel(0), "Vm sweep " + k);
            assertClose(atf.sweep(k).command(), nwb.sweep(k).command(), "command sweep " + k);
        }
    }

    @Test
    void realNwb24FileMatchesH5pyValues() throws IOException {
        Recording r = Recordings.open(SharedData.path("data/other/nwb/99111002.nwb"));
        JsonObject ref = JsonParser.parseString(Files.readString(SharedData.path("data/other/nwb/nwb_99111002.json")))
                .getAsJsonObject();
        JsonArray sweeps = ref.getAsJsonArray("sweeps");
        assertEquals(sweeps.size(), r.sweepCount());
        assertEquals("pA", r.commandUnit());
        assertEquals("1999-01-11T12:43:13+00:00", r.startTime());
        for (int k = 0; k < sweeps.size(); k++) {
            JsonObject s = sweeps.get(k).getAsJsonObject();
            assertEquals(s.get("rate_Hz").getAsDouble(), r.sampleRateHz());
            Trace v = r.sweep(k).channel(0);
            assertEquals(s.get("n").getAsInt(), v.length());
            for (int i = 0; i < 5; i++) {
                assertEquals(s.getAsJsonArray("v_first5_mV").get(i).getAsDouble(), v.get(i), 1e-4, s + " first " + i);
                assertEquals(s.getAsJsonArray("v_last5_mV").get(i).getAsDouble(), v.get(v.length() - 5 + i), 1e-4);
            }
            assertEquals(s.get("v_mean_mV").getAsDouble(), v.mean(), 1e-4 * Math.abs(s.get("v_mean_mV").getAsDouble()));
            double[] c = r.sweep(k).command().toDoubleArray();
            assertEquals(s.get("i_first_nA").getAsDouble() * 1000, c[0], 1e-3);
            JsonArray levels = s.getAsJsonArray("i_levels_nA");
            assertEquals(levels.get(0).getAsDouble() * 1000, Arrays.stream(c).min().orElseThrow(), 1e-2, "sweep " + k);
            assertEquals(levels.get(levels.size() - 1).getAsDouble() * 1000, Arrays.stream(c).max().orElseThrow(), 1e-2);
        }
    }

    @Test
    void damagedFilesGiveCleanErrors() throws IOException {
        byte[] good = Files.readAllBytes(SharedData.path("data/nwb/squid_steps.nwb"));
        for (int cut : new int[] {8, 100, 512, 2048, 20_000, good.length / 2, good.length - 100}) {
            Path f = tmp.resolve("cut" + cut + ".nwb");
            Files.write(f, Arrays.copyOf(good, cut));
            try {
                Recording r = Recordings.open(f);
                // Only a cut in unused trailing bytes may still read, and then completely.
                assertEquals(4, r.sweepCount(), "cut at " + cut);
                assertEquals(12000, r.sweepLength(), "cut at " + cut);
            } catch (RecordingFormatException e) {
                assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
            }
        }
        Path notNwb = tmp.resolve("x.nwb");
        Files.write(notNwb, Arrays.copyOf(good, 8));
        assertThrows(RecordingFormatException.class, () -> Recordings.open(notNwb));
    }

    /** A voltage-clamp file written here with jHDF: pA response with timestamps, mV command with a rate. */
    @Test
    void voltageClampSeriesWithTimestamps() {
        Path f = tmp.resolve("vc.nwb");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(f)) {
            w.putAttribute("nwb_version", "2.6.0");
            var acq = w.putGroup("acquisition");
            var stim = w.putGroup("stimulus").putGroup("presentation");
            for (int k = 0; k < 2; k++) {
                var g = acq.putGroup("VoltageClampSeries_" + k);
                g.putAttribute("neurodata_type", "VoltageClampSeries");
                g.putAttribute("stimulus_description", "vsteps");
                var data = g.putDataset("data", new float[] {1, 2, 3, 4});
                data.putAttribute("unit", "amperes");
                data.putAttribute("conversion", 1e-9); // nA
                g.putDataset("timestamps", new double[] {k, k + 0.001, k + 0.002, k + 0.003});
                var s = stim.putGroup("VoltageClampStimulusSeries_" + k);
                s.putAttribute("neurodata_type", "VoltageClampStimulusSeries");
                var cmd = s.putDataset("data", new double[] {-70, -70, -10 * k, -70});
                cmd.putAttribute("unit", "volts");
                cmd.putAttribute("conversion", 1e-3);
                var st = s.putDataset("starting_time", new double[] {k});
                st.putAttribute("rate", 1000.0);
            }
        }
        Recording r = Recordings.open(f);
        assertEquals("NWB", r.format());
        assertEquals("2.6.0", r.formatVersion());
        assertEquals(1000.0, r.sampleRateHz(), 1e-6);
        assertEquals(2, r.sweepCount());
        assertEquals("pA", r.channel(0).unit());
        assertEquals(3000.0, r.sweep(1).channel(0).get(2), 1e-3);
        assertEquals("mV", r.commandUnit());
        assertEquals(-10.0, r.sweep(1).command().get(2), 1e-6);
        assertEquals(ClampMode.VOLTAGE_CLAMP, r.clampMode());
        assertEquals("vsteps", r.protocol());
    }

    @Test
    void hdf5FilesThatAreNotIntracellularNwbAreRefused() throws IOException {
        Path plain = tmp.resolve("plain.nwb");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(plain)) {
            w.putGroup("images").putDataset("data", new float[] {1, 2});
        }
        assertMessage(plain, "HDF5 file without /acquisition: not an NWB recording");

        Path noSeries = tmp.resolve("noseries.nwb");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(noSeries)) {
            w.putGroup("acquisition").putGroup("running").putAttribute("neurodata_type", "TimeSeries");
        }
        assertMessage(noSeries, "no intracellular series");

        // NWB 1 (the Allen Cell Types Database's layout) is read (Nwb1ReaderTest); one without sweeps says so
        Path nwb1 = tmp.resolve("nwb1.nwb");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(nwb1)) {
            w.putAttribute("nwb_version", "NWB-1.0.5");
            w.putGroup("acquisition").putGroup("timeseries");
        }
        assertMessage(nwb1, "an NWB 1 file without sweeps under /acquisition/timeseries");

        Path badUnit = tmp.resolve("unit.nwb");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(badUnit)) {
            var g = w.putGroup("acquisition").putGroup("CurrentClampSeries_0");
            g.putAttribute("neurodata_type", "CurrentClampSeries");
            g.putDataset("data", new float[] {1, 2}).putAttribute("unit", "furlongs");
            g.putDataset("starting_time", new double[] {0}).putAttribute("rate", 1000.0);
        }
        assertMessage(badUnit, "/acquisition/CurrentClampSeries_0/data: unit 'furlongs' is neither a voltage nor a current");

        Path noRate = tmp.resolve("norate.nwb");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(noRate)) {
            var g = w.putGroup("acquisition").putGroup("CurrentClampSeries_0");
            g.putAttribute("neurodata_type", "CurrentClampSeries");
            g.putDataset("data", new float[] {1, 2}).putAttribute("unit", "volts");
        }
        assertMessage(noRate, "neither starting_time with a rate nor timestamps");

        Path empty = tmp.resolve("empty.nwb");
        Files.write(empty, new byte[0]);
        assertMessage(empty, "file is empty");
    }

    private static void assertMessage(Path f, String expected) {
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(f));
        assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains(expected), e.getMessage());
    }

    /** Random bytes changed anywhere in the file: a clean error or a complete recording, nothing else. */
    @Test
    void corruptedBytesGiveCleanErrors() throws IOException {
        byte[] good = Files.readAllBytes(SharedData.path("data/nwb/squid_steps.nwb"));
        java.util.Random random = new java.util.Random(7);
        Path f = tmp.resolve("corrupt.nwb");
        int errors = 0;
        for (int v = 0; v < 80; v++) {
            byte[] bad = good.clone();
            // mostly in the metadata near the start, where the structure lives
            int pos = random.nextInt(random.nextBoolean() ? 4096 : bad.length);
            for (int k = 0; k < 4 && pos + k < bad.length; k++) {
                bad[pos + k] = (byte) random.nextInt(256);
            }
            Files.write(f, bad);
            try {
                Recording r = Recordings.open(f);
                assertTrue(r.sweepCount() >= 1);
            } catch (RecordingFormatException e) {
                assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
                errors++;
            }
        }
        assertTrue(errors > 0, "some corruptions must be detected");
    }

    private static void assertClose(Trace expected, Trace actual, String what) {
        assertEquals(expected.length(), actual.length(), what);
        for (int i = 0; i < expected.length(); i++) {
            double e = expected.get(i);
            assertEquals(e, actual.get(i), 2e-7 * Math.max(1, Math.abs(e)), what + " sample " + i);
        }
    }
}
