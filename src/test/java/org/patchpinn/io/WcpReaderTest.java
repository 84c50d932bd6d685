package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Trace;

/** WinWCP files against the values neo read from them (other_myokit_refs.json), and the header edge cases. */
class WcpReaderTest {
    @TempDir
    Path tmp;

    @Test
    void wcpFileMatchesNeo() throws IOException {
        JsonObject ref = JsonParser.parseString(Files.readString(
                SharedData.path("data/other/myokit/other_myokit_refs.json"))).getAsJsonObject()
                .getAsJsonObject("wcp-file.wcp");
        Recording r = Recordings.open(SharedData.path("data/other/myokit/wcp-file.wcp"));
        assertEquals("WCP", r.format());
        assertEquals("9", r.formatVersion());
        assertEquals(ref.get("nSegments").getAsInt(), r.sweepCount());
        assertEquals(2, r.channelCount());
        assertEquals("Im", r.channel(0).name());
        assertEquals("Vm", r.channel(1).name());
        assertFalse(r.hasCommand());
        assertEquals("2014-11-21T12:43:08", r.startTime());
        int checked = 0;
        for (JsonElement e : ref.getAsJsonArray("signals")) {
            JsonObject s = e.getAsJsonObject();
            int c = s.get("signal").getAsString().contains("(Im)") ? 0 : 1;
            assertEquals(s.get("units").getAsString(), r.channel(c).unit());
            // neo's rate is 1 / float32(DT); the header's DT is exactly 0.001 s.
            assertEquals(s.get("rate").getAsDouble(), r.sampleRateHz(), 1e-4);
            Trace t = r.sweep(s.get("segment").getAsInt()).channel(c);
            assertEquals(s.get("n").getAsInt(), t.length());
            JsonArray first = s.getAsJsonArray("first5");
            for (int i = 0; i < 5; i++) {
                double x = first.get(i).getAsDouble();
                assertEquals(x, t.get(i), 1e-6 * Math.abs(x) + 1e-5, "segment " + s.get("segment") + " " + c);
            }
            double mean = s.get("mean").getAsDouble();
            assertEquals(mean, t.mean(), 1e-5 * Math.abs(mean));
            checked++;
        }
        assertEquals(22, checked);
    }

    @Test
    void headerOnlyFileIsARecordingWithoutSweeps() {
        Recording r = Recordings.open(SharedData.path("data/other/myokit/wcp-file-empty.wcp"));
        assertEquals(0, r.sweepCount());
        assertEquals(1, r.channelCount());
        assertEquals("mV", r.channel(0).unit());
        assertEquals(1000.0, r.sampleRateHz(), 1e-9);
    }

    /** Version 8 writes decimal commas; channels in V and nA are given in mV and pA. */
    @Test
    void version8DecimalCommaAndUnitsAreConverted() throws IOException {
        byte[] original = Files.readAllBytes(SharedData.path("data/other/myokit/wcp-file.wcp"));
        String header = new String(original, 0, 1024, StandardCharsets.ISO_8859_1);
        String v8 = header.replace("VER=9", "VER=8").replace("DT=0.001", "DT=0,001")
                .replace("YU0=pA", "YU0=nA").replace("YG0=0.0005", "YG0=0,5   ")
                .replace("YU1=mV", "YU1=V ").replace("YG1=0.01", "YG1=10  ");
        assertEquals(header.length(), v8.length());
        byte[] b = original.clone();
        System.arraycopy(v8.getBytes(StandardCharsets.ISO_8859_1), 0, b, 0, 1024);
        Path file = tmp.resolve("v8.wcp");
        Files.write(file, b);
        Recording r = Recordings.open(file);
        Recording ref = Recordings.open(SharedData.path("data/other/myokit/wcp-file.wcp"));
        assertEquals("8", r.formatVersion());
        assertEquals(1000.0, r.sampleRateHz(), 1e-9);
        assertEquals("pA", r.channel(0).unit());
        assertEquals("mV", r.channel(1).unit());
        for (int k = 0; k < r.sweepCount(); k++) {
            for (int c = 0; c < 2; c++) {
                float[] a = r.sweep(k).channel(c).toFloatArray();
                float[] e = ref.sweep(k).channel(c).toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    assertEquals(e[i], a[i], 1e-5 * Math.abs(e[i]) + 1e-6);
                }
            }
        }
    }

    @Test
    void truncatedRecordsAreReported() throws IOException {
        byte[] original = Files.readAllBytes(SharedData.path("data/other/myokit/wcp-file.wcp"));
        Path file = tmp.resolve("cut.wcp");
        Files.write(file, Arrays.copyOf(original, 1024 + 5 * 2048 + 100));
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(file));
        assertTrue(e.getMessage().contains("11 records") && e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()));
    }
}
