package org.patchpinn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.testing.CliRunner;
import org.patchpinn.testing.SharedData;

/**
 * A quick classic fit (10 CMA-ES evaluations) on the HEKA current-clamp bundle, to show that {@code fit} runs on
 * PatchMaster data like on ABF: the F–I curve of data and model over the 49 step sweeps comes back. It simulates
 * every 1 s sweep for the validation, so it takes about a minute: run with
 * {@code mvn -o test -Pbenchmark -Dtest=HekaFitCheck}.
 */
@Tag("benchmark")
class HekaFitCheck {
    @TempDir
    Path tmp;

    @Test
    void classicFitRunsOnTheCurrentClampBundle() throws IOException {
        CliRunner cli = new CliRunner();
        Path dir = tmp.resolve("fit");
        long t0 = System.nanoTime();
        assertEquals(0, cli.run("fit", SharedData.path("data/heka/patchview_test_singleFP.dat").toString(),
                "--method", "classic", "--sweeps", "45", "--holdout", "none", "--max_evaluations", "10", "--ci",
                "false", "--out", dir.toString()), cli.err());
        System.out.printf("HEKA classic fit: %.1f s; %s%n", (System.nanoTime() - t0) / 1e9, cli.out().strip());
        JsonObject o = JsonParser.parseString(Files.readString(dir.resolve("result.json"))).getAsJsonObject();
        assertTrue(o.has("parameters"));
        JsonObject cell = o.getAsJsonObject("cell");
        JsonArray fi = cell.getAsJsonArray("fi_curve");
        assertTrue(fi.size() >= 45, "step sweeps in the F–I curve: " + fi.size()); // the 0 pA sweep is no step
        assertEquals(-100.0, fi.get(0).getAsJsonObject().get("current_pA").getAsDouble(), 1e-6);
        int spiking = 0;
        for (int i = 0; i < fi.size(); i++) {
            spiking += fi.get(i).getAsJsonObject().get("spikes_data").getAsInt() > 0 ? 1 : 0;
        }
        assertTrue(spiking >= 30, "spiking sweeps in the data: " + spiking);
        assertEquals(100.0, cell.getAsJsonObject("data").get("rheobase_pA").getAsDouble(), 1e-6);
    }
}
