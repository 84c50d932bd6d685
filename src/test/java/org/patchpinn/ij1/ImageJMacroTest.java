package org.patchpinn.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.testing.SharedData;

/**
 * Runs a real ImageJ 1.x (net.imagej:ij from Central, started as {@code java -jar ij.jar}) in batch mode under
 * Xvfb, installed as the README says: the plugin jar the build produced in {@code plugins/}, its dependencies in
 * {@code plugins/jars/}, nothing else on the class path. Then runs the example macros of {@code macros/}:
 * exactly what a user of plain ImageJ does.
 */
class ImageJMacroTest {
    private static final long TIMEOUT_S = 60;

    /** One ImageJ installation for all tests: the dependencies are over 100 MB. */
    @TempDir
    static Path imageJ;

    @TempDir
    Path tmp;

    @BeforeAll
    static void install() throws IOException {
        Path pluginJar = builtFile("patchpinn.pluginJar");
        assertTrue(pluginJar.getFileName().toString().contains("_"),
                "ImageJ 1.x reads plugins.config only from jars with an underscore in the name: " + pluginJar);
        Path plugins = Files.createDirectories(imageJ.resolve("plugins"));
        Files.copy(pluginJar, plugins.resolve(pluginJar.getFileName()));
        Path jars = Files.createDirectories(plugins.resolve("jars"));
        try (Stream<Path> deps = Files.list(builtFile("patchpinn.dependencies"))) {
            for (Path dep : deps.filter(f -> f.toString().endsWith(".jar")).toList()) {
                link(dep, jars.resolve(dep.getFileName()));
            }
        }
    }

    @Test
    void batchOpenRecordingsSavesTheRecordingTables() throws Exception {
        Path input = Files.createDirectories(tmp.resolve("in put")); // a space, as user folders have
        Files.copy(SharedData.path("bench/public/squid_steps.atf"), input.resolve("squid_steps.atf"));
        Files.copy(SharedData.path("bench/public/glucose/cell1_G1.atf"), input.resolve("cell1_G1.atf"));
        Files.writeString(input.resolve("notes.txt.bak"), "not a recording");
        Path output = tmp.resolve("out");
        String log = runMacro("batch_open_recordings.ijm", input + "|" + output);

        String squid = Files.readString(output.resolve("squid_steps.atf.csv"));
        assertTrue(squid.contains("sample rate (Hz),20000"), squid);
        assertTrue(squid.contains("sweeps,4"), squid);
        assertTrue(squid.contains("channel 0,Vm (mV)"), squid);
        assertTrue(squid.contains("stimulus unit,pA"), squid);
        assertTrue(Files.readString(output.resolve("cell1_G1.atf.csv")).contains("sweeps,2"));

        List<String> summary = Files.readAllLines(output.resolve("opened.csv"));
        assertEquals(3, summary.size(), String.join("\n", summary));
        assertTrue(summary.get(1).startsWith("cell1_G1.atf,20000,2,CURRENT_CLAMP"), summary.get(1));
        assertTrue(summary.get(2).startsWith("squid_steps.atf,20000,4,CURRENT_CLAMP"), summary.get(2));
        assertTrue(log.contains("PatchPINN: opened 2 recordings"), log);
    }

    @Test
    void batchExportRecordingsWritesSweepCsvs() throws Exception {
        Path input = Files.createDirectories(tmp.resolve("in"));
        Files.copy(SharedData.path("bench/public/glucose/cell2_G10.atf"), input.resolve("cell2_G10.atf"));
        Path output = tmp.resolve("exported");
        String log = runMacro("batch_export_recordings.ijm", input + "|" + output);
        Path dir = output.resolve("cell2_G10.atf");
        assertTrue(Files.readString(dir.resolve("recording.json")).contains("\"sweepCount\": 2"), log);
        List<String> sweep = Files.readAllLines(dir.resolve("sweep_1.csv"));
        assertEquals("time (ms),Vm (mV),command (pA)", sweep.get(0));
        assertEquals(12001, sweep.size());
    }

    /** A bad file stops the macro with a message naming it, instead of a dialog that waits forever. */
    @Test
    void badFileAbortsTheMacroWithItsName() throws Exception {
        Path bad = tmp.resolve("bad.atf");
        Files.writeString(bad, "ATF\t1.0\n0\t2\n\"Time (ms)\"\t\"V\"\n0\t1\n");
        Path macro = tmp.resolve("open_bad.ijm");
        Files.writeString(macro, "run(\"Open Recording\", \"file=[" + bad + "]\");\nprint(\"still running\");\n");
        long t0 = System.nanoTime();
        String out = runImageJ(macro, "", false);
        assertTrue((System.nanoTime() - t0) / 1e9 < 30, "no dialog waits");
        assertTrue(out.contains("Open Recording: " + bad + ": line 3, column 2 ('V'): no unit"), out);
        assertTrue(!out.contains("still running"), out);
    }

    /** Runs {@code macros/<macro>} in ImageJ 1.x with the plugin jar installed; returns its output. */
    private String runMacro(String macro, String argument) throws Exception {
        return runImageJ(Path.of("macros", macro).toAbsolutePath(), argument, true);
    }

    private String runImageJ(Path macro, String argument, boolean clean) throws Exception {
        Path xvfbRun = findOnPath("xvfb-run");
        if (xvfbRun == null) {
            fail("xvfb-run is not installed: ImageJ 1.x cannot build its menus headless. Install it with "
                    + "'apt-get install -y xvfb xauth' (.ci/run does this)");
        }
        List<String> cmd = new ArrayList<>(List.of(xvfbRun.toString(), "-a",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-jar", imageJJar().toString(),
                "-ijpath", imageJ.toString(), "-batch", macro.toString(), argument));
        Path log = tmp.resolve(macro.getFileName() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("ImageJ did not finish within " + TIMEOUT_S + " s:\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        if (clean) {
            assertEquals(0, p.exitValue(), out);
            assertTrue(!out.contains("Exception") && !out.contains("Unrecognized command"), out);
        }
        return out;
    }

    /** A file the build made, named by a system property the pom sets. */
    private static Path builtFile(String property) {
        String path = System.getProperty(property);
        assertTrue(path != null, property + " is not set: run this test with Maven (the pom sets it)");
        assertTrue(Files.exists(Path.of(path)), path + " was not built (mvn test builds it before the tests)");
        return Path.of(path);
    }

    /** A hard link where the file system allows one (the same bytes, no 100 MB copy), else a copy. */
    private static void link(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target);
        }
    }

    /** ij.jar from this test's own class path (Maven's copy of net.imagej:ij). */
    private static Path imageJJar() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().matches("ij-[0-9].*\\.jar")) {
                return Path.of(entry);
            }
        }
        return fail("net.imagej:ij is not on the test class path");
    }

    private static Path findOnPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
