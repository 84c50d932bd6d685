package org.patchpinn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.op.CompareOperation;
import org.patchpinn.op.OperationResult;
import org.patchpinn.op.ParamValues;
import org.patchpinn.report.Json;
import org.patchpinn.task.Progress;

/**
 * compare on the public glucose manifest gives the same per-recording numbers and the same laws on Spark
 * (local[2], a driver and an executor pool in this JVM, results serialised as on a cluster) as on the thread
 * pool. Tolerance: 1e-9 relative (the per-recording work is the same code on the same inputs; the statistics
 * run on the driver in both cases), so any difference means the engine changed the science.
 */
class SparkCompareTest {
    static final Path MANIFEST = Path.of("../shared/bench/public/glucose/manifest.csv");
    /** Keys that may differ between engines: timings and the parameters naming the engine. */
    static final Set<String> ENGINE_DEPENDENT = Set.of("seconds", "parameters_used", "elapsed_s", "resumed");

    @TempDir
    Path dir;

    @BeforeAll
    static void quietSpark() {
        SparkTestSupport.configure();
    }

    private static OperationResult compare(String engine, Path out, Progress progress) {
        return compare(engine, MANIFEST.toString(), out, progress);
    }

    private static OperationResult compare(String engine, String manifest, Path out, Progress progress) {
        List<String> kv = new ArrayList<>(List.of("manifest", manifest, "out", out.toString(),
                "engine", engine, "threads", "2", "method", "off", "laws", "candidates", "bootstrap", "200",
                "permutations", "2000"));
        if (engine.equals("spark")) {
            kv.addAll(List.of("master", "local[2]"));
        }
        CompareOperation op = new CompareOperation();
        return op.run(ParamValues.of(op.params(), kv.toArray(String[]::new)), progress);
    }

    @Test
    void sparkGivesTheSameNumbersAndLawsAsTheThreadPool() throws Exception {
        OperationResult local = compare("local", dir.resolve("local"), Progress.NONE);
        List<String> lines = new ArrayList<>();
        Progress logging = new Progress() {
            @Override public void status(String message) { }
            @Override public void fraction(double done) { }
            @Override public synchronized void log(String message) { lines.add(message); }
            @Override public boolean isCancelled() { return false; }
        };
        OperationResult spark = compare("spark", dir.resolve("spark"), logging);

        JsonObject a = local.json();
        JsonObject b = spark.json();
        assertFalse(a.getAsJsonArray("laws").isEmpty(), "the glucose comparison finds laws");
        assertSame("laws", a.get("laws"), b.get("laws"));
        assertSame("recordings", a.get("recordings"), b.get("recordings"));
        assertSame("result.json", a, b);
        for (String name : savedNames(dir.resolve("local"))) {
            assertSame(name, saved(dir.resolve("local"), name), saved(dir.resolve("spark"), name));
        }
        assertEquals(10, savedNames(dir.resolve("spark")).size());
        // a line per finished recording on the driver
        assertEquals(10, lines.stream().filter(l -> l.startsWith("finished ")).count(), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("done 10/10, failed 0, remaining 0")), lines.toString());
        // combined table as Parquet next to the CSV
        try (Stream<Path> parts = Files.list(dir.resolve("spark").resolve("per_recording.parquet"))) {
            assertTrue(parts.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")));
        }

        // a second Spark run resumes: nothing recomputed, same answer
        lines.clear();
        OperationResult again = compare("spark", dir.resolve("spark"), logging);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("finished ")), lines.toString());
        assertSame("resumed laws", b.get("laws"), again.json().get("laws"));
    }

    /**
     * The manifest and its recordings read through Hadoop's file system API: as a file: URI, and under another
     * scheme (pptest://, a local-disk Hadoop file system standing in for hdfs:// or s3a://), whose recordings the
     * driver hashes through Hadoop and the executors copy to temporary files. Same per-recording results and laws
     * as the thread pool on the plain path.
     */
    @Test
    void aManifestBehindAHadoopUriGivesTheSameRecordingsAndLaws() throws Exception {
        System.setProperty("spark.hadoop.fs." + OtherSchemeFileSystem.SCHEME + ".impl",
                OtherSchemeFileSystem.class.getName());
        System.setProperty("spark.hadoop.fs." + OtherSchemeFileSystem.SCHEME + ".impl.disable.cache", "true");
        OperationResult local = compare("local", dir.resolve("plain"), Progress.NONE);
        String fileUri = MANIFEST.toAbsolutePath().normalize().toUri().toString();
        assertTrue(fileUri.startsWith("file:/"), fileUri);
        String other = OtherSchemeFileSystem.location(MANIFEST);
        for (String manifest : List.of(fileUri, other)) {
            Path out = dir.resolve(manifest.startsWith("file:") ? "file-uri" : "other-fs");
            OperationResult spark = compare("spark", manifest, out, Progress.NONE);
            assertEquals(10, spark.json().getAsJsonObject("recordings").get("ok").getAsInt(), manifest);
            assertSame(manifest + " result.json", local.json(), spark.json());
            assertEquals(savedNames(dir.resolve("plain")), savedNames(out), manifest);
            for (String name : savedNames(out)) {
                assertSame(manifest + " " + name, saved(dir.resolve("plain"), name), saved(out, name));
            }
        }
        // the thread pool reads file: URIs too, but not another file system: a clear error naming the manifest
        org.patchpinn.InvalidParameterException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.patchpinn.InvalidParameterException.class,
                () -> compare("local", other, dir.resolve("refused"), Progress.NONE));
        assertTrue(e.getMessage().contains(other) && e.getMessage().contains("--engine spark"), e.getMessage());
    }

    /**
     * An engine stops the session it started, also when a stopped one is still the thread's "active" session
     * (that one was taken for someone else's, left running, and reused by the next run against a dead master).
     */
    @Test
    void everyEngineStopsTheSessionItStarted() {
        SparkEngine first = new SparkEngine("local[1]");
        first.close();
        SparkEngine second = new SparkEngine("local[1]");
        assertFalse(second.session().sparkContext().isStopped());
        assertTrue(second.session() != first.session(), "a new session, not the stopped one");
        second.close();
        assertTrue(second.session().sparkContext().isStopped());
    }

    @Test
    void batchFeaturesOnSparkMatchTheThreadPoolAndWriteParquet() throws Exception {
        org.patchpinn.op.BatchOperation op = new org.patchpinn.op.BatchOperation();
        OperationResult local = op.run(ParamValues.of(op.params(), "manifest", MANIFEST.toString(), "out",
                dir.resolve("bl").toString(), "run", "features", "threads", "2"), Progress.NONE);
        OperationResult spark = op.run(ParamValues.of(op.params(), "manifest", MANIFEST.toString(), "out",
                dir.resolve("bs").toString(), "run", "features", "engine", "spark", "master", "local[2]"),
                Progress.NONE);
        org.patchpinn.report.Table a = local.tables().get(0).table();
        org.patchpinn.report.Table b = spark.tables().get(0).table();
        assertEquals(a.columns(), b.columns());
        assertEquals(10, a.rowCount());
        for (int r = 0; r < a.rowCount(); r++) {
            for (String c : a.columns()) {
                if (!c.equals("seconds")) {
                    assertEquals(String.valueOf(a.get(r, c)), String.valueOf(b.get(r, c)), "row " + r + " " + c);
                }
            }
        }
        assertTrue(Files.isRegularFile(dir.resolve("bs/recordings/cell2_G5.atf/features.csv")));
        try (Stream<Path> parts = Files.list(dir.resolve("bs").resolve("batch.parquet"))) {
            assertTrue(parts.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")));
        }
    }

    /**
     * Learned-state fits on an executor with two cores (local[2]: two task threads in one JVM): both DJL trainings
     * run, one after the other (pinn.TrainingThread; two gradient collectors at once would fail), and each
     * recording gets its learned current. Tiny settings (4 training steps): the engine is under test, not the fit.
     */
    @Test
    void batchHybridFitsTrainOneAtATimeOnATwoCoreExecutor() throws Exception {
        org.patchpinn.model.ModelSpec truth = org.patchpinn.model.BuiltinModels.get("traub-rs-m");
        StringBuilder manifest = new StringBuilder("file,glucose_mM,cell\n");
        for (int i = 0; i < 2; i++) {
            org.patchpinn.trace.Recording r = org.patchpinn.sim.SyntheticRecording.generate(truth, truth.values(),
                    List.of(org.patchpinn.sim.Stimuli.step(10, 70, 250), org.patchpinn.sim.Stimuli.step(10, 70, 400),
                            org.patchpinn.sim.Stimuli.step(10, 70, 320)), 90, 0.05,
                    org.patchpinn.sim.NoiseModel.white(0.2), 3 + i);
            try (java.io.OutputStream o = Files.newOutputStream(dir.resolve("rs" + i + ".atf"))) {
                org.patchpinn.io.AtfWriter.write(r, o);
            }
            manifest.append("rs").append(i).append(".atf,").append(5).append(",c").append(i).append('\n');
        }
        Path m = Files.writeString(dir.resolve("hybrid.csv"), manifest.toString());
        org.patchpinn.op.BatchOperation op = new org.patchpinn.op.BatchOperation();
        OperationResult r = op.run(ParamValues.of(op.params(), "manifest", m.toString(), "out",
                dir.resolve("hybrid").toString(), "run", "fit", "args", "model=traub-rs method=hybrid latent=1 "
                + "options=steps=4,refine_evals=12 max_evaluations=60 device=cpu", "engine", "spark", "master",
                "local[2]"), Progress.NONE);
        org.patchpinn.report.Table t = r.tables().get(0).table();
        assertEquals(2, t.rowCount());
        for (int i = 0; i < 2; i++) {
            assertEquals("ok", t.get(i, "status"), String.valueOf(t.get(i, "error")));
            assertTrue(((Number) t.get(i, "parameters.gz1")).doubleValue() > 0, "learned conductance of row " + i);
        }
    }

    private static List<String> savedNames(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.resolve("per_recording"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    private static JsonElement saved(Path out, String name) throws Exception {
        return JsonParser.parseString(Files.readString(out.resolve("per_recording").resolve(name)));
    }

    /** Equal JSON trees, numbers within 1e-9 relative, ignoring engine-dependent keys. */
    static void assertSame(String where, JsonElement a, JsonElement b) {
        if (a.isJsonObject()) {
            assertTrue(b.isJsonObject(), where);
            JsonObject x = a.getAsJsonObject();
            JsonObject y = b.getAsJsonObject();
            Set<String> keys = new java.util.TreeSet<>(x.keySet());
            keys.addAll(y.keySet());
            for (String k : keys) {
                if (!ENGINE_DEPENDENT.contains(k)) {
                    assertTrue(x.has(k) && y.has(k), where + "." + k + " missing on one engine");
                    assertSame(where + "." + k, x.get(k), y.get(k));
                }
            }
        } else if (a.isJsonArray()) {
            JsonArray x = a.getAsJsonArray();
            JsonArray y = b.getAsJsonArray();
            assertEquals(x.size(), y.size(), where + " length");
            for (int i = 0; i < x.size(); i++) {
                assertSame(where + "[" + i + "]", x.get(i), y.get(i));
            }
        } else if (a.isJsonPrimitive() && a.getAsJsonPrimitive().isNumber()) {
            double u = a.getAsDouble();
            double v = b.getAsDouble();
            assertTrue(u == v || Double.isNaN(u) && Double.isNaN(v)
                    || Math.abs(u - v) <= 1e-9 * Math.max(Math.abs(u), Math.abs(v)), where + ": " + u + " vs " + v);
        } else {
            assertEquals(Json.toJson(a), Json.toJson(b), where);
        }
    }
}
