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

    private static void assertClose(Trace expected, Trace actual, String what) {
        assertEquals(expected.length(), actual.length(), what);
        for (int i = 0; i < expected.length(); i++) {
            double e = expected.get(i);
            assertEquals(e, actual.get(i), 2e-7 * Math.max(1, Math.abs(e)), what + " sample " + i);
        }
    }
}
