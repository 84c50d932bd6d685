package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Trace;

/**
 * Every ABF file of ../shared/data/abf against the values pyABF read from it (ref/<file>.json): header
 * fields, first/last samples and means of signal and command, to float32 precision.
 */
class AbfReferenceTest {
    static Stream<String> abfFiles() throws IOException {
        try (Stream<Path> s = Files.list(SharedData.path("data/abf"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".abf")).sorted().toList().stream();
        }
    }

    static JsonObject json(String relative) throws IOException {
        return JsonParser.parseString(Files.readString(SharedData.path(relative))).getAsJsonObject();
    }

    static AbfHeader header(Path file) {
        try (FileBytes f = FileBytes.open(file, "header")) {
            return AbfReader.header(f);
        }
    }

    @ParameterizedTest
    @MethodSource("abfFiles")
    void headerMatchesPyAbf(String name) throws IOException {
        JsonObject ref = json("data/ref/" + name + ".json");
        Recording r = Recordings.open(SharedData.path("data/abf/" + name));
        assertEquals("ABF", r.format());
        assertEquals(ref.get("abfVersion").getAsString(), r.formatVersion(), "version");
        assertEquals(ref.get("sampleRate").getAsDouble(), r.sampleRateHz(), 0, "sample rate");
        assertEquals(ref.get("sweepCount").getAsInt(), r.sweepCount(), "sweeps");
        assertEquals(ref.get("channelCount").getAsInt(), r.channelCount(), "channels");
        for (int c = 0; c < r.channelCount(); c++) {
            assertEquals(ref.getAsJsonArray("channels").get(c).getAsString(), r.channel(c).name(), "name " + c);
            assertEquals(ref.getAsJsonArray("units").get(c).getAsString(), r.channel(c).unit(), "unit " + c);
        }
        assertEquals(ref.get("sweepLengthSec").getAsDouble(), r.sweepLengthS(), 1e-9, "sweep length");
        String protocol = ref.get("protocol").getAsString();
        assertEquals(protocol.equals("None") ? "" : protocol, r.protocol(), "protocol");
        JsonArray comments = ref.getAsJsonArray("tagComments");
        JsonArray times = ref.getAsJsonArray("tagTimesSec");
        assertEquals(comments.size(), r.tags().size(), "tags");
        for (int i = 0; i < comments.size(); i++) {
            assertEquals(comments.get(i).getAsString(), r.tags().get(i).comment());
            assertEquals(times.get(i).getAsDouble(), r.tags().get(i).timeS(), 1e-6);
        }
        LocalDateTime expected = LocalDateTime.parse(ref.get("abfDateTime").getAsString().replace(' ', 'T'));
        assertEquals(expected, LocalDateTime.parse(r.startTime()), "start time");
        AbfHeader h = header(SharedData.path("data/abf/" + name));
        JsonArray dacUnits = ref.getAsJsonArray("dacUnits");
        for (int d = 0; d < dacUnits.size(); d++) {
            assertEquals(dacUnits.get(d).getAsString(), h.dacs().get(d).unit(), "DAC unit " + d);
        }
    }

    @ParameterizedTest
    @MethodSource("abfFiles")
    void samplesMatchPyAbf(String name) throws IOException {
        JsonObject ref = json("data/ref/" + name + ".json");
        Recording r = Recordings.open(SharedData.path("data/abf/" + name));
        assertEquals(ref.get("sweepCount").getAsInt(), r.sweepCount());
        for (Map.Entry<String, JsonElement> sweep : ref.getAsJsonObject("sweeps").entrySet()) {
            int s = Integer.parseInt(sweep.getKey());
            for (Map.Entry<String, JsonElement> channel : sweep.getValue().getAsJsonObject().entrySet()) {
                int c = Integer.parseInt(channel.getKey());
                JsonObject y = channel.getValue().getAsJsonObject().getAsJsonObject("Y");
                Trace t = r.sweep(s).channel(c);
                assertStats(y, t.toFloatArray(), name + " sweep " + s + " channel " + c + " signal");
            }
        }
        for (int s = 0; s < r.sweepCount(); s++) {
            for (int c = 0; c < r.channelCount(); c++) {
                assertEquals(r.sweepLength(), r.sweep(s).channel(c).length());
            }
        }
    }

    /** pyABF's command waveform per channel (= DAC of the same number); ABF1 files are checked elsewhere. */
    @ParameterizedTest
    @MethodSource("abfFiles")
    void commandMatchesPyAbf(String name) throws IOException {
        JsonObject ref = json("data/ref/" + name + ".json");
        if (ref.has("command_note")) {
            return; // ABF1: pyABF's command is wrong; AbfDacTruthTest checks these
        }
        Path file = SharedData.path("data/abf/" + name);
        AbfHeader h = header(file);
        Recording r = Recordings.open(file);
        int commandDac = AbfCommand.chooseDac(h);
        for (Map.Entry<String, JsonElement> sweep : ref.getAsJsonObject("sweeps").entrySet()) {
            int s = Integer.parseInt(sweep.getKey());
            for (Map.Entry<String, JsonElement> channel : sweep.getValue().getAsJsonObject().entrySet()) {
                int c = Integer.parseInt(channel.getKey());
                JsonObject cmd = channel.getValue().getAsJsonObject().getAsJsonObject("C");
                float[] ours = AbfCommand.fromHeader(h, h.dacs().get(c), s);
                String what = name + " sweep " + s + " DAC " + c + " command";
                if (Double.isNaN(cmd.get("mean").getAsDouble())) {
                    assertNull(ours, what + ": pyABF has none (stimulus file)");
                    assertNull(r.sweep(s).command(), what);
                    continue;
                }
                assertNotNull(ours, what);
                assertStats(cmd, ours, what);
                assertEquals(levels(channel.getValue().getAsJsonObject().getAsJsonArray("C_levels")),
                        distinct(ours, 50), what + " levels");
                if (c == commandDac) {
                    assertEquals(Trace.wrap(ours), r.sweep(s).command(), what + " in the recording");
                }
            }
        }
        if (r.hasCommand()) {
            assertEquals(h.dacs().get(commandDac).unit(), r.commandUnit());
        }
    }

    /** The epoch table of sweep 0 (with pyABF's pre- and post-epoch stretches) for DAC 0. */
    @ParameterizedTest
    @MethodSource("abfFiles")
    void epochTableMatchesPyAbf(String name) throws IOException {
        JsonObject ref = json("data/ref/" + name + ".json");
        if (!ref.has("epochs")) {
            return;
        }
        AbfHeader h = header(SharedData.path("data/abf/" + name));
        JsonObject e = ref.getAsJsonObject("epochs");
        List<AbfEpochWaveform.Segment> segments = AbfEpochWaveform.segments(h.dacs().get(0), h.sweepPoints(), 0);
        assertEquals(e.getAsJsonArray("p1s").size(), segments.size(), name + " epochs");
        for (int i = 0; i < segments.size(); i++) {
            AbfEpochWaveform.Segment s = segments.get(i);
            assertEquals(e.getAsJsonArray("p1s").get(i).getAsLong(), s.p1());
            assertEquals(e.getAsJsonArray("p2s").get(i).getAsLong(), s.p2());
            assertEquals(e.getAsJsonArray("levels").get(i).getAsDouble(), s.level(), 1e-9);
            assertEquals(e.getAsJsonArray("types").get(i).getAsString(), AbfEpoch.typeName(s.type()));
        }
    }

    @Test
    void missingStimulusFileIsReportedAndRecordingStillOpens() {
        Recording r = Recordings.open(SharedData.path("data/abf/171116sh_0015-ATFwaveform.abf"));
        assertEquals(3, r.sweepCount());
        assertFalse(r.hasCommand());
        for (int s = 0; s < r.sweepCount(); s++) {
            assertNull(r.sweep(s).command());
        }
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        String w = r.warnings().get(0);
        assertTrue(w.contains("sine sweep magnitude 20.atf") && w.contains("missing"), w);
    }

    static void assertStats(JsonObject ref, float[] ours, String what) {
        assertEquals(ref.get("n").getAsInt(), ours.length, what + " length");
        JsonArray first = ref.getAsJsonArray("first5");
        JsonArray last = ref.getAsJsonArray("last5");
        double scale = 0;
        for (int i = 0; i < 5; i++) {
            scale = Math.max(scale, Math.abs(first.get(i).getAsDouble()));
            scale = Math.max(scale, Math.abs(last.get(i).getAsDouble()));
        }
        for (int i = 0; i < 5; i++) {
            assertClose(first.get(i).getAsDouble(), ours[i], scale, what + " sample " + i);
            assertClose(last.get(i).getAsDouble(), ours[ours.length - 5 + i], scale, what + " sample -" + (5 - i));
        }
        double mean = Trace.wrap(ours).mean();
        assertClose(ref.get("mean").getAsDouble(), mean, Math.max(scale, Math.abs(mean)), what + " mean");
    }

    /** float32 precision: 1e-4 relative, relative to the size of the values around it. */
    static void assertClose(double expected, double actual, double scale, String what) {
        double tol = 1e-4 * Math.max(Math.abs(expected), 1e-3 * scale) + 1e-9;
        assertEquals(expected, actual, tol, what);
    }

    static List<Double> levels(JsonArray a) {
        List<Double> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsDouble()));
        return out;
    }

    /** Distinct values rounded to 4 decimals, ascending, at most {@code max}: how the reference lists them. */
    static List<Double> distinct(float[] c, int max) {
        TreeSet<Double> set = new TreeSet<>();
        for (float v : c) {
            set.add(Math.round(v * 1e4) / 1e4);
        }
        return set.stream().limit(max).toList();
    }
}
