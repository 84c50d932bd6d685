package org.patchpinn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.io.Recordings;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.CliRunner;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;

/**
 * The verbs on HEKA bundles and WinWCP files: info with its series list, --series, features, export round trips.
 * The fit on the HEKA current-clamp bundle takes a minute, so it is a benchmark: {@link HekaFitCheck}.
 */
class HekaWcpOperationsTest {
    private static final String CC = "data/heka/patchview_test_singleFP.dat";
    private static final String VC = "data/heka/load-heka-python_1.dat";

    @TempDir
    Path tmp;

    private static JsonObject json(Path p) throws IOException {
        return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
    }

    @Test
    void infoListsEverySeriesAndReadsTheChosenOne() throws IOException {
        CliRunner cli = new CliRunner();
        Path dir = tmp.resolve("info");
        assertEquals(0, cli.run("info", SharedData.path(VC).toString(), "--series", "1.4", "--out", dir.toString()),
                cli.err());
        JsonObject o = json(dir.resolve("result.json"));
        assertEquals("HEKA", o.get("format").getAsString());
        assertEquals(1, o.get("sweepCount").getAsInt());
        JsonArray series = o.getAsJsonArray("series");
        assertEquals(4, series.size());
        assertTrue(series.get(0).getAsJsonObject().get("default").getAsBoolean());
        assertTrue(series.get(3).getAsJsonObject().get("selected").getAsBoolean());
        assertFalse(series.get(0).getAsJsonObject().get("selected").getAsBoolean());
        assertEquals("risetime", series.get(3).getAsJsonObject().get("label").getAsString());
        assertEquals(5, Files.readAllLines(dir.resolve("series.csv")).size());
        assertTrue(Files.exists(dir.resolve("traces.png")));
    }

    @Test
    void badSeriesIsAOneLineError() {
        CliRunner cli = new CliRunner();
        assertEquals(1, Math.min(1, cli.run("info", SharedData.path(VC).toString(), "--series", "nosuch")));
        assertTrue(cli.err().contains("no series 'nosuch'"), cli.err());
    }

    @Test
    void featuresCountSpikesAndBuildTheFiCurve() throws IOException {
        CliRunner cli = new CliRunner();
        Path dir = tmp.resolve("features");
        assertEquals(0, cli.run("features", SharedData.path(CC).toString(), "--sweeps", "0,10,20,30,40,49",
                "--out", dir.toString()), cli.err());
        JsonObject o = json(dir.resolve("result.json"));
        JsonArray sweeps = o.getAsJsonArray("sweeps");
        assertEquals(6, sweeps.size());
        // Sweep 0 is the −100 pA step (no spikes); the +880 pA step of sweep 49 fires repeatedly.
        int first = spikes(sweeps.get(0).getAsJsonObject());
        int last = spikes(sweeps.get(5).getAsJsonObject());
        assertEquals(0, first);
        assertTrue(last >= 5, "spikes at +880 pA: " + last);
        JsonObject cell = o.getAsJsonObject("cell");
        assertTrue(cell.get("rheobase").getAsDouble() > 0 && cell.get("rheobase").getAsDouble() < 880);
        assertTrue(cell.get("fi_slope").getAsDouble() > 0);
        assertTrue(o.has("fi_curve"));
    }

    private static int spikes(JsonObject sweep) {
        for (String key : new String[] {"Spikecount", "spikecount"}) {
            if (sweep.has(key)) {
                return sweep.get(key).getAsInt();
            }
            if (sweep.has("features") && sweep.getAsJsonObject("features").has(key)) {
                return sweep.getAsJsonObject("features").get(key).getAsInt();
            }
        }
        throw new AssertionError("no spike count in " + sweep.keySet());
    }

    @Test
    void exportRoundTripsHekaAndWcp() throws IOException {
        roundTrip(SharedData.path(VC), "1.2", 3);
        roundTrip(SharedData.path(CC), "", 49);
        roundTrip(SharedData.path("data/other/myokit/wcp-file.wcp"), "", 10);
    }

    private void roundTrip(Path file, String series, int sweep) throws IOException {
        CliRunner cli = new CliRunner();
        Path dir = tmp.resolve("export-" + file.getFileName() + series);
        String[] args = series.isEmpty() ? new String[] {"export", file.toString(), "--out", dir.toString()}
                : new String[] {"export", file.toString(), "--series", series, "--out", dir.toString()};
        assertEquals(0, cli.run(args), cli.err());
        Recording original = Recordings.open(file, series, Progress.NONE);
        Recording back = Recordings.open(dir.resolve("sweep_" + sweep + ".csv"));
        assertEquals(original.sampleRateHz(), back.sampleRateHz(), 1e-6 * original.sampleRateHz());
        // The CSV reader takes the second of a voltage and a current column as the command when the file has
        // none (WinWCP): compare the signals in column order, units included.
        List<String> units = new ArrayList<>();
        List<float[]> columns = columns(original, sweep, units);
        List<String> backUnits = new ArrayList<>();
        List<float[]> backColumns = columns(back, 0, backUnits);
        assertEquals(units, backUnits);
        for (int c = 0; c < columns.size(); c++) {
            float[] a = columns.get(c);
            float[] b = backColumns.get(c);
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 0, file.getFileName() + " column " + c + " sample " + i);
            }
        }
    }

    private static List<float[]> columns(Recording r, int sweep, List<String> units) {
        List<float[]> out = new ArrayList<>();
        for (int c = 0; c < r.channelCount(); c++) {
            out.add(r.sweep(sweep).channel(c).toFloatArray());
            units.add(r.channel(c).unit());
        }
        if (r.sweep(sweep).hasCommand()) {
            out.add(r.sweep(sweep).command().toFloatArray());
            units.add(r.commandUnit());
        }
        return out;
    }
}
