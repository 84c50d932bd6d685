package org.patchpinn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;



import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.patchpinn.testing.CliRunner;
import org.patchpinn.testing.SharedData;

/** The 'features' verb from the command line on real recordings. */
class FeaturesCliTest {
    @TempDir
    Path tmp;

    private final CliRunner cli = new CliRunner();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void measuresChosenSweepsWithAGivenWindow() throws Exception {
        Path dir = tmp.resolve("f");
        String abf = SharedData.path("data/abf/18711001.abf").toString();
        assertEquals(0, run("features", abf, "--out", dir.toString(), "--sweeps", "0,10-11",
                "--stim_start_ms", "23.4", "--stim_end_ms", "323.4", "--dvdt_threshold", "10", "--min_peak", "-20"),
                cli.err());
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("result.json"))).getAsJsonObject();
        assertFalse(json.getAsJsonObject("stimulus_window").get("from_command").getAsBoolean());
        assertEquals(10.0, json.getAsJsonObject("settings").get("dvdt_threshold_V_per_s").getAsDouble());
        assertEquals(3, json.getAsJsonArray("sweeps").size());
        // The prepulse window: -100 pA, eFEL's input resistance for sweep 0 is 191.0 MOhm.
        JsonObject sweep0 = json.getAsJsonArray("sweeps").get(0).getAsJsonObject();
        assertEquals(-100, sweep0.get("stimulus_pA").getAsDouble(), 0.5);
        assertEquals(190.98, sweep0.getAsJsonObject("features").get("ohmic_input_resistance").getAsDouble(), 1.0);
        assertEquals(3, Files.readAllLines(dir.resolve("features.csv")).size() - 1);
        assertEquals(2, Files.readAllLines(dir.resolve("cell.csv")).size());
        for (String png : new String[] {"sweep_0.png", "sweep_10.png", "sweep_11.png"}) {
            assertTrue(Files.size(dir.resolve(png)) > 1000, png);
        }
    }

    @Test
    void withoutOutPrintsResultJson() {
        assertEquals(0, run("features", SharedData.path("data/abf/File_axon_5.abf").toString(), "--sweeps", "8"));
        JsonObject json = JsonParser.parseString(cli.out()).getAsJsonObject();
        assertEquals(3, json.getAsJsonArray("sweeps").get(0).getAsJsonObject().getAsJsonArray("spikes").size());
    }

    @Test
    void voltageClampFileFailsWithOneLine() {
        assertEquals(1, run("features", SharedData.path("data/abf/17o05024_vc_steps.abf").toString()));
        String e = cli.err().trim();
        String last = e.substring(e.lastIndexOf("error: ")); // after the progress line
        assertTrue(last.contains("voltage-clamp") && !last.contains("\n"), e);
        assertEquals("", cli.out(), "no numbers");
    }

    @Test
    void badOptionsAreNamed() {
        String abf = SharedData.path("data/abf/File_axon_5.abf").toString();
        assertEquals(1, run("features", abf, "--stim_start_ms", "100"));
        assertTrue(cli.err().contains("stim_end_ms"));
        assertEquals(1, run("features", abf, "--sweeps", "12"));
        assertTrue(cli.err().contains("sweep 12"));
    }
}
