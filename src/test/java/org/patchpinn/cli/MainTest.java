package org.patchpinn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.op.Operation;
import org.patchpinn.op.Operations;
import org.patchpinn.task.CancelFlag;
import org.patchpinn.testing.CliRunner;
import org.patchpinn.testing.SharedData;

/** The command line as a user runs it: exit codes, JSON on stdout, files written, inputs untouched. */
class MainTest {
    @TempDir
    Path tmp;

    private final CliRunner cli = new CliRunner();

    private int run(String... args) {
        return cli.run(args);
    }

    private String out() {
        return cli.out();
    }

    private String err() {
        return cli.err();
    }

    @Test
    void infoPrintsTheSummaryAsJson() throws Exception {
        Path atf = SharedData.path("bench/public/squid_steps.atf");
        String before = hash(atf);
        assertEquals(0, run("info", atf.toString()), err());
        JsonObject o = JsonParser.parseString(out()).getAsJsonObject();
        assertEquals("ATF", o.get("format").getAsString());
        assertEquals("1.0", o.get("version").getAsString());
        assertEquals(20000.0, o.get("sampleRateHz").getAsDouble());
        assertEquals(4, o.get("sweepCount").getAsInt());
        JsonArray ch = o.getAsJsonArray("channels");
        assertEquals(1, ch.size());
        assertEquals("Vm", ch.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("mV", ch.get(0).getAsJsonObject().get("unit").getAsString());
        assertEquals(0.6, o.get("sweepLengthS").getAsDouble(), 1e-12);
        assertEquals("", o.get("protocol").getAsString());
        assertTrue(o.get("tags").isJsonArray());
        assertEquals("", o.get("startTime").getAsString());
        assertEquals("pA", o.get("stimulusUnit").getAsString());
        assertEquals(before, hash(atf), "input unchanged");
    }

    @Test
    void infoWithOutWritesTableJsonAndPlot() throws Exception {
        Path dir = tmp.resolve("info");
        assertEquals(0, run("info", SharedData.path("bench/public/glucose/cell2_G5.atf").toString(), "--out", dir.toString()),
                err());
        assertTrue(Files.size(dir.resolve("result.json")) > 100);
        assertTrue(Files.readString(dir.resolve("recording.csv")).startsWith("Property,Value\n"));
        byte[] png = Files.readAllBytes(dir.resolve("traces.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertNoTemporaryFiles(dir);
    }

    @Test
    void exportWritesJsonAndOneCsvPerSweep() throws Exception {
        Path atf = SharedData.path("bench/public/squid_steps.atf");
        String before = hash(atf);
        Path dir = tmp.resolve("export");
        assertEquals(0, run("export", atf.toString(), "--out", dir.toString()), err());
        JsonObject o = JsonParser.parseString(Files.readString(dir.resolve("recording.json"))).getAsJsonObject();
        assertEquals(4, o.get("sweepCount").getAsInt());
        assertEquals("pA", o.get("stimulusUnit").getAsString());
        for (int k = 0; k < 4; k++) {
            List<String> lines = Files.readAllLines(dir.resolve("sweep_" + k + ".csv"));
            assertEquals("time (ms),Vm (mV),command (pA)", lines.get(0));
            assertEquals(12001, lines.size());
            String[] row = lines.get(2).split(",");
            assertEquals(0.05, Double.parseDouble(row[0]), 1e-6);
        }
        assertEquals("-65.0772", Files.readAllLines(dir.resolve("sweep_0.csv")).get(2).split(",")[1]);
        try (Stream<Path> files = Files.list(dir)) {
            // the four sweeps and recording.json, and the list of what this export wrote (for the next run)
            assertEquals(List.of(".patchpinn-export.files", "recording.json", "sweep_0.csv", "sweep_1.csv",
                    "sweep_2.csv", "sweep_3.csv"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(before, hash(atf), "input unchanged");
    }

    @Test
    void helpForEveryVerb() {
        assertEquals(0, run("--help"));
        for (Operation op : Operations.all()) {
            assertTrue(out().contains(op.verb()), "overview lists " + op.verb());
        }
        for (Operation op : Operations.all()) {
            assertEquals(0, run(op.verb(), "--help"), op.verb());
            assertTrue(out().startsWith("usage: " + op.verb()), out());
            for (var p : op.params()) {
                assertTrue(out().contains("--" + p.key()), op.verb() + " documents --" + p.key());
            }
        }
        assertEquals(2, run());
        assertEquals(2, run("no-such-verb"));
        assertEquals(2, run("info", "--bogus"));
    }

    @Test
    void badFileGivesOneLineErrorAndWritesNothing() throws Exception {
        Path bad = tmp.resolve("broken.atf");
        Files.writeString(bad, "ATF\t1.0\n0\t2\n\"Time (ms)\"\t\"V (mV)\"\n0\t1\n0.1\tabc\n");
        String before = hash(bad);
        Path dir = tmp.resolve("never");
        int code = run("export", bad.toString(), "--out", dir.toString());
        assertNotEquals(0, code);
        String e = err().strip();
        assertFalse(e.contains("\n"), "one line: " + e);
        assertTrue(e.startsWith("error: ") && e.contains(bad.toString()) && e.contains("line 5, column 2"), e);
        assertFalse(Files.exists(dir), "nothing written");
        assertEquals(before, hash(bad));

        assertNotEquals(0, run("info", bad.toString()));
        assertTrue(err().startsWith("error: " + bad) && err().indexOf('\n') == err().length() - 1, err());

        assertNotEquals(0, run("info", tmp.resolve("missing.abf").toString()));
        assertTrue(err().strip().contains("missing.abf") && !err().strip().contains("\n"), err());

        Path empty = tmp.resolve("empty.csv");
        Files.write(empty, new byte[0]);
        assertNotEquals(0, run("info", empty.toString()));
        assertTrue(err().contains("empty.csv") && err().contains("empty"), err());
    }

    @Test
    void aRealRecordingWithAVoltageOffsetIsRefusedInSecondsAndNothingWritten() throws Exception {
        // 99111002.nwb (Hippocampus Hub): -15 mV before its steps and firing there, so it has no rest; until session
        // 39 it was fitted for three minutes (RMSE 162 mV) instead of refused
        Path nwb = SharedData.path("data/other/nwb/99111002.nwb");
        String before = hash(nwb);
        Path dir = tmp.resolve("fit");
        long t0 = System.nanoTime();
        assertNotEquals(0, run("fit", nwb.toString(), "--model", "traub-rs-m", "--out", dir.toString()));
        assertTrue((System.nanoTime() - t0) / 1e9 < 30, "refused before any search");
        String e = err().strip();
        String last = e.substring(e.lastIndexOf('\n') + 1);
        assertTrue(last.startsWith("error: 99111002.nwb") && last.contains("above -30 mV")
                && last.contains("nothing fitted"), e);
        assertFalse(Files.exists(dir), "nothing written");
        assertEquals(before, hash(nwb));
    }

    @Test
    void anOutputFolderHoldingTheInputIsRefusedAndTheInputKept() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("sim"));
        Path input = dir.resolve("simulated.atf");
        Files.copy(SharedData.path("bench/public/squid_steps.atf"), input);
        String before = hash(input);
        assertEquals(0, run("export", input.toString(), "--out", dir.toString()), err());
        assertEquals(0, run("export", input.toString(), "--out", dir.toString()), "a re-run replaces its own outputs: "
                + err());
        Path csv = dir.resolve("recording.csv");
        assertFalse(Files.exists(csv));
        // an export of the export's own sweep file into the same folder would overwrite its input
        Path sweep = dir.resolve("sweep_0.csv");
        assertEquals(1, run("export", sweep.toString(), "--out", dir.toString()));
        assertTrue(err().contains("is an input of this export run"), err());
        assertTrue(Files.isRegularFile(sweep));
        assertEquals(before, hash(input), "input unchanged");
    }

    @Test
    void aCancelledDemoSaysWhatWasSaved() throws Exception {
        CancelFlag cancel = new CancelFlag();
        cancel.cancel();
        Path dir = tmp.resolve("demo");
        assertEquals(130, cli.run(cancel, "demo", "--out", dir.toString()));
        assertTrue(err().contains("what was finished before is saved in " + dir.toAbsolutePath())
                && !err().contains("nothing written"), err());
        assertEquals(130, cli.run(cancel, "export", SharedData.path("bench/public/squid_steps.atf").toString(),
                "--out", tmp.resolve("x").toString()));
        assertTrue(err().contains("cancelled: nothing written"), err());
    }

    @Test
    void cancelledExportLeavesNothingBehind() throws Exception {
        Path dir = tmp.resolve("cancelled");
        CancelFlag cancel = new CancelFlag();
        cancel.cancel();
        int code = cli.run(cancel, "export", SharedData.path("bench/public/squid_steps.atf").toString(),
                "--out", dir.toString());
        assertEquals(130, code);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(), files.toList(), "no partial output");
            }
        }
    }

    private static void assertNoTemporaryFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
    }

    private static String hash(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)))
                + Files.getLastModifiedTime(f);
    }
}
