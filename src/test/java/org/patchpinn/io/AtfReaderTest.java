package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.ClampMode;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Trace;

class AtfReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsBenchmarkLayoutAsVoltageWithCurrentCommand() {
        Recording r = Recordings.open(SharedData.path("bench/public/squid_steps.atf"));
        assertEquals("ATF", r.format());
        assertEquals("1.0", r.formatVersion());
        assertEquals(20000.0, r.sampleRateHz());
        assertEquals(4, r.sweepCount());
        assertEquals(1, r.channelCount());
        assertEquals("Vm", r.channel(0).name());
        assertEquals("mV", r.channel(0).unit());
        assertEquals("pA", r.commandUnit());
        assertTrue(r.hasCommand());
        assertEquals(ClampMode.CURRENT_CLAMP, r.clampMode());
        assertEquals(12000, r.sweepLength());
        assertEquals(-65.2260, r.sweep(0).channel(0).get(0), 1e-4);
        assertEquals(-65.5322, r.sweep(1).channel(0).get(0), 1e-4);
        assertEquals(-64.1053, r.sweep(1).channel(0).get(1), 1e-4);
        assertEquals("squid HH, current-clamp steps", r.metadata().get("comment"));
        // truth.json: steps of 300, 600, 1000, 1400 pA
        double[] steps = {300, 600, 1000, 1400};
        for (int k = 0; k < 4; k++) {
            Trace c = r.sweep(k).command();
            double max = 0;
            for (int i = 0; i < c.length(); i++) {
                max = Math.max(max, c.get(i));
            }
            assertEquals(steps[k], max, 1e-3, "step of sweep " + k);
        }
    }

    @Test
    void readsEveryBenchmarkFile() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(SharedData.path("bench/public")),
                Files.list(SharedData.path("bench/public/glucose")))) {
            long n = files.filter(p -> p.toString().endsWith(".atf")).peek(p -> {
                Recording r = Recordings.open(p);
                assertEquals(List1.of("mV"), r.channels().stream().map(c -> c.unit()).toList(), p.toString());
                assertEquals("pA", r.commandUnit(), p.toString());
                assertTrue(r.sweepCount() >= 2, p.toString());
            }).count();
            assertEquals(12, n);
        }
    }

    /** Clampfit's export of model_vc_step.abf equals what pyABF read from the ABF. */
    @Test
    void clampfitExportMatchesPyAbfValues() throws IOException {
        Recording r = Recordings.open(SharedData.path("data/abf/model_vc_step.atf"));
        JsonObject ref = JsonParser.parseString(Files.readString(SharedData.path("data/ref/model_vc_step.abf.json")))
                .getAsJsonObject();
        assertEquals(ref.get("sampleRate").getAsDouble(), r.sampleRateHz());
        assertEquals(ref.get("sweepCount").getAsInt(), r.sweepCount());
        assertEquals(ref.get("channels").getAsJsonArray().get(0).getAsString(), r.channel(0).name());
        assertEquals(ref.get("units").getAsJsonArray().get(0).getAsString(), r.channel(0).unit());
        assertEquals(ref.get("sweepLengthSec").getAsDouble(), r.sweepLengthS(), 1e-9);
        assertNull(r.sweep(0).command(), "the export has no command column");
        assertEquals(ClampMode.VOLTAGE_CLAMP, r.clampMode());
        for (String sweep : ref.getAsJsonObject("sweeps").keySet()) {
            JsonObject y = ref.getAsJsonObject("sweeps").getAsJsonObject(sweep).getAsJsonObject("0").getAsJsonObject("Y");
            Trace t = r.sweep(Integer.parseInt(sweep)).channel(0);
            assertEquals(y.get("n").getAsInt(), t.length());
            JsonArray first = y.getAsJsonArray("first5");
            JsonArray last = y.getAsJsonArray("last5");
            for (int i = 0; i < 5; i++) {
                // the ATF text has 6 significant digits: agreement to 1e-5 relative
                assertEquals(first.get(i).getAsDouble(), t.get(i), 1e-5 * 150, "sweep " + sweep + " first " + i);
                assertEquals(last.get(i).getAsDouble(), t.get(t.length() - 5 + i), 1e-5 * 150);
            }
            assertEquals(y.get("mean").getAsDouble(), t.mean(), 1e-4 * 150);
        }
        assertEquals("0.000,500.000,1000.000,1500.000,2000.000,2500.000,3000.000,3500.000,4000.000,4500.000,"
                + "5000.000,5500.000,6000.000,6500.000,7000.000,7500.000,8000.000,8500.000,9000.000,9500.000",
                r.metadata().get("atf.SweepStartTimesMS"));
    }

    @Test
    void timeInSecondsAndValuesInVoltsAndNanoamperesAreScaled() throws IOException {
        Path f = write("t.atf", "ATF\t1.0\n1\t3\n\"Comment=x\"\n\"Time (s)\"\t\"Vm (V)\"\t\"I (nA)\"\n"
                + "0\t-0.065\t0.1\n1e-4\t-0.064\t0.2\n2e-4\t-0.063\t0.3\n");
        Recording r = Recordings.open(f);
        assertEquals(10000.0, r.sampleRateHz());
        assertEquals(1, r.sweepCount());
        assertEquals("mV", r.channel(0).unit());
        assertEquals(-64.0, r.sweep(0).channel(0).get(1), 1e-5);
        assertEquals("pA", r.commandUnit());
        assertEquals(300.0, r.sweep(0).command().get(2), 1e-3);
    }

    @Test
    void withoutSignalsRecordTraceNumbersGroupSweeps() throws IOException {
        Path f = write("t.atf", "ATF\t1.0\n0\t5\n\"Time (ms)\"\t\"Trace #1 (mV)\"\t\"Trace #1 (pA)\"\t"
                + "\"Trace #2 (mV)\"\t\"Trace #2 (pA)\"\n0\t1\t10\t2\t20\n0.1\t1\t10\t2\t20\n");
        Recording r = Recordings.open(f);
        assertEquals(2, r.sweepCount());
        assertEquals(2.0, r.sweep(1).channel(0).get(0));
        assertEquals(20.0, r.sweep(1).command().get(0));
    }

    @Test
    void writerRoundTripsExactly() throws IOException {
        Recording r = Recordings.open(SharedData.path("bench/public/glucose/cell1_G1.atf"));
        Path out = tmp.resolve("copy.atf");
        try (var os = Files.newOutputStream(out)) {
            AtfWriter.write(r, os);
        }
        Recording back = Recordings.open(out);
        assertEquals(r.sampleRateHz(), back.sampleRateHz());
        assertEquals(r.channels(), back.channels());
        assertEquals(r.commandUnit(), back.commandUnit());
        assertEquals(r.sweepCount(), back.sweepCount());
        for (int k = 0; k < r.sweepCount(); k++) {
            assertEquals(r.sweep(k).channel(0), back.sweep(k).channel(0), "sweep " + k);
            assertEquals(r.sweep(k).command(), back.sweep(k).command(), "command " + k);
        }
        String head = Files.readString(out).lines().limit(8).reduce("", (a, b) -> a + b + "\n");
        assertTrue(head.contains("\"Signals=\"\t\"Vm\"\t\"Im\"\t\"Vm\"\t\"Im\""), head);
        assertTrue(head.contains("\"Time (ms)\"\t\"Trace #1 (mV)\"\t\"Trace #1 (pA)\"\t\"Trace #2 (mV)\""), head);
    }

    @Test
    void badInputNamesFileLineAndReason() throws IOException {
        expect("", "file is empty", "empty.atf");
        expect("ATF\t1.0\n", "truncated");
        expect("ATF\t1.0\n2\t3\n\"Comment=\"\n", "ends in the header");
        expect("ATX\t1.0\n0\t2\n", "unrecognised format");
        expect("ATF\t2.0\n0\t2\n", "line 1: unsupported ATF version '2.0'");
        expect("ATF\t1.0\nx\t2\n", "line 2, column 1: the number of header records");
        expect("ATF\t1.0\n0\t3\n\"Time (ms)\"\t\"V (mV)\"\n", "line 3: has 2 column titles, line 2 declares 3");
        expect("ATF\t1.0\n0\t2\n\"Time (ms)\"\t\"V (mV)\"\n0\t1\n0.1\tabc\n", "line 5, column 2: not a number: 'abc'");
        expect("ATF\t1.0\n0\t2\n\"Time (ms)\"\t\"V (mV)\"\n0\t1\n0.1\n", "line 5: row has 1 fields, the header declares 2");
        expect("ATF\t1.0\n0\t2\n\"Time (ms)\"\t\"V (mV)\"\n0\t1\n0.1\t1\t3\n", "line 5: row has 3 fields");
        expect("ATF\t1.0\n0\t2\n\"Time (ms)\"\t\"V (furlongs)\"\n0\t1\n", "line 3, column 2 ('V (furlongs)'): unit 'furlongs'");
        expect("ATF\t1.0\n0\t2\n\"Time (ms)\"\t\"V\"\n0\t1\n", "column 2 ('V'): no unit");
        expect("ATF\t1.0\n0\t2\n\"Sample\"\t\"V (mV)\"\n0\t1\n", "line 3, column 1: the first column must be time");
        expect("ATF\t1.0\n0\t2\n\"Time (ms)\"\t\"V (mV)\"\n0\t1\n0.1\t1\n0.5\t1\n0.6\t1\n", "line 6: time column is not evenly spaced");
        expect("ATF\t1.0\n0\t2\n\"Time (ms)\"\t\"V (mV)\"\n0\t1\n", "at least two data rows");
        expect("ATF\t1.0\n1\t3\n\"Signals=\"\t\"Vm\"\n\"Time (ms)\"\t\"V (mV)\"\t\"I (pA)\"\n0\t1\t2\n", "Signals= record names 1 signals for 2");
        expect("ATF\t1.0\n0\t2\n\"Time (ms)\"\t\"V (mV)\"\n0\t1\n\n0.1\t1\n", "line 5: empty line inside the data");
        expect("ATF\t1.0\n0\t2\n\"Time (ms)\"\t\"V (mV)\"\n0\tNaN\n0.1\t1\n", "line 4, column 2: not a number: 'NaN'");
    }

    private void expect(String content, String message) throws IOException {
        expect(content, message, "bad.atf");
    }

    private void expect(String content, String message, String name) throws IOException {
        Path f = write(name, content);
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(f), content);
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    private Path write(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    /** java.util.List without clashing with the test's imports. */
    private static final class List1 {
        static java.util.List<String> of(String... s) {
            return java.util.List.of(s);
        }
    }
}
