package org.patchpinn.op;

import java.io.Serializable;
import java.util.HashSet;
import org.patchpinn.task.CancelledException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.batch.BatchEngine;
import org.patchpinn.batch.BatchEngines;
import org.patchpinn.batch.BatchItem;
import org.patchpinn.batch.BatchJob;
import org.patchpinn.batch.BatchOutcome;
import org.patchpinn.batch.ContentHash;
import org.patchpinn.batch.ProgressLine;
import org.patchpinn.compare.Manifest;
import org.patchpinn.compare.ManifestEntry;
import org.patchpinn.compare.ManifestReader;
import org.patchpinn.fit.FitMethods;
import org.patchpinn.fit.NewStateFitMethod;
import org.patchpinn.pinn.TrainingThread;
import org.patchpinn.report.BatchResultJson;
import org.patchpinn.report.Json;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.report.Table;
import org.patchpinn.task.Progress;

/**
 * Batch: runs one per-recording verb (features or fit) over every row of a manifest, on this JVM's threads or
 * on Apache Spark. Each recording's result folder is written as the verb writes it; the combined table (one
 * row per recording, its main numbers, or its error) as batch.csv, and as Parquet on Spark. A re-run skips
 * recordings whose saved result was made from the same file content (SHA-256) and the same settings.
 */
public final class BatchOperation implements Operation {
    public static final String RECORDINGS = "recordings";
    public static final String MARKER = "batch.json";
    static final List<String> VERBS = List.of("features", "fit");

    @Override public String verb() { return "batch"; }

    @Override public String title() { return "Batch"; }

    @Override public String description() {
        return "Runs features or fit (any method) on every recording of a manifest CSV (columns file, the "
                + "condition column, cell, covariates), on this computer's cores or on Apache Spark (--engine "
                + "spark --master local[*] | spark://host:7077 | yarn). Writes OUT/recordings/<file>/ (what the "
                + "verb writes, plus batch.json), batch.csv with one row per recording (its numbers, or its "
                + "error) and, on Spark, batch.parquet. A failed recording is a row, not a failed batch; a "
                + "re-run skips recordings whose saved result has the same file content and settings.";
    }

    /** Each recording's folder (and its batch.json) is saved as soon as it is done (resume). */
    @Override public boolean savesAsItGoes() {
        return true;
    }

    @Override public List<ParamSpec> params() {
        return List.of(ParamSpec.file("manifest", "manifest CSV: file, condition column, cell, covariates"),
                ParamSpec.choice("run", "features", "the verb run on each recording", VERBS.toArray(String[]::new)),
                ParamSpec.string("args", "", "the verb's options as key=value separated by spaces, e.g. "
                        + "'model=traub-rs method=classic max_evaluations=300'"),
                ParamSpec.string("condition", "glucose_mM", "name of the manifest's condition column"),
                new ParamSpec("folder", ParamType.DIR, "", false, "folder the manifest's file names are relative to "
                        + "(default: the manifest's folder)", Double.NaN, Double.NaN, List.of()),
                ParamSpec.outDir(true),
                ParamSpec.choice("engine", "local", "this JVM's threads, or Apache Spark", "local", "spark"),
                ParamSpec.string("master", "", "Spark master: local[2], spark://host:7077, yarn (empty: "
                        + "spark-submit's, else local[*])"),
                ParamSpec.integer("threads", 0, 0, 1024, "threads of the local engine (0: all cores)"),
                ParamSpec.bool("resume", true, "skip recordings whose saved result has the same content hash and "
                        + "settings"));
    }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        String verb = values.string("run");
        Map<String, String> args = parseArgs(values.string("args"));
        Operation op = Operations.byVerb(verb).orElseThrow();
        checkArgs(op, args);
        Path out = values.path("out");
        String settings = "run=" + verb + " args=" + new TreeMap<>(args);
        try (BatchEngine engine = BatchEngines.create(values.string("engine"), values.string("master"),
                values.integer("threads"), "patchpinn-batch")) {
            // the manifest and its files through the engine: on Spark also hdfs://, s3a:// ... (Hadoop)
            Manifest manifest = ManifestReader.read(values.string("manifest"), values.string("condition").trim(),
                    values.isSet("folder") ? values.string("folder") : null, engine);
            progress.status("running " + verb + " on " + engine.describe());
            List<Map<String, Object>> rows = new ArrayList<>();
            List<BatchItem> todo = new ArrayList<>();
            for (int i = 0; i < manifest.entries().size(); i++) {
                ManifestEntry e = manifest.entries().get(i);
                if (!e.usable()) {
                    rows.add(row(e, "excluded", e.problem(), 0, Map.of()));
                    continue;
                }
                String file = e.location();
                String fingerprint;
                try (InputStream in = engine.open(file)) {
                    fingerprint = "sha256=" + ContentHash.sha256(in) + " " + settings;
                } catch (IOException x) {
                    rows.add(row(e, "failed", file + ": cannot read: " + x.getMessage(), 0, Map.of()));
                    continue;
                }
                Map<String, Object> saved = values.bool("resume") ? reusable(out, e, fingerprint) : null;
                rows.add(saved != null ? saved : null);
                if (saved == null) {
                    todo.add(new BatchItem(rows.size() - 1, e.name(), file, e.condition(), e.cell(), e.covariates(),
                            fingerprint));
                }
            }
            progress.log(todo.size() + " of " + manifest.entries().size() + " recordings to run ("
                    + (manifest.entries().size() - todo.size()) + " excluded or resumed) on " + engine.describe());
            ProgressLine line = new ProgressLine(progress, todo.size());
            PerRecording job = new PerRecording(verb, args, out.toAbsolutePath().resolve(RECORDINGS).toString());
            engine.run(todo, job, o -> {
                ManifestEntry e = entryNamed(manifest, o.item().name());
                Map<String, Object> r = o.ok() ? row(e, o.value().error == null ? "ok" : "failed",
                        o.value().error, o.seconds(), o.value().numbers)
                        : row(e, "failed", o.error(), o.seconds(), Map.of());
                saveMarker(out, e, o.item().fingerprint(), r);
                rows.set(o.item().index(), r);
                line.finished(e.name(), "ok".equals(r.get("status")) ? null : String.valueOf(r.get("error")));
            }, progress);
            Table table = table(rows);
            boolean parquet = false;
            try {
                parquet = engine.writeParquet(table, out.resolve("batch.parquet").toString());
            } catch (RuntimeException e) {
                progress.log("batch.parquet not written (batch.csv is): " + e.getMessage());
            }
            long ok = rows.stream().filter(r -> "ok".equals(r.get("status"))).count();
            JsonObject json = BatchResultJson.of(verb, args, engine.describe(), rows.size(), ok, todo.size(),
                    line.failed(), parquet);
            OperationResult result = new OperationResult(json, ok + "/" + rows.size() + " recordings: " + verb
                    + " (" + todo.size() + " run on " + engine.describe() + ", the rest resumed or excluded)");
            result.table(table, "batch.csv");
            return result;
        }
    }

    /** "key=value key=value" into a map. */
    static Map<String, String> parseArgs(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String t : text.trim().split("\\s+")) {
            if (t.isEmpty()) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new InvalidParameterException("args", "'" + t + "' is not key=value");
            }
            m.put(t.substring(0, eq).replace('-', '_'), t.substring(eq + 1));
        }
        return m;
    }

    private static void checkArgs(Operation op, Map<String, String> args) {
        for (String k : List.of("file", "out")) {
            if (args.containsKey(k)) {
                throw new InvalidParameterException("args", k + " is set per recording by the batch");
            }
        }
        Set<String> known = new HashSet<>();
        op.params().forEach(p -> known.add(p.key()));
        for (String k : args.keySet()) {
            if (!known.contains(k)) {
                throw new InvalidParameterException("args", op.verb() + " has no option '" + k + "'");
            }
        }
    }

    private static ManifestEntry entryNamed(Manifest m, String name) {
        return m.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, Object> row(ManifestEntry e, String status, String error, double seconds,
                                           Map<String, Object> numbers) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", e.name());
        r.put("cell", e.cell());
        r.put("condition", e.condition());
        e.covariates().forEach(r::put);
        r.put("status", status);
        r.put("error", error == null ? "" : error);
        r.put("seconds", seconds);
        r.putAll(numbers);
        return r;
    }

    private static Path folder(Path out, ManifestEntry e) {
        return out.resolve(RECORDINGS).resolve(e.key());
    }

    /** The saved row when the recording's marker carries the same fingerprint and says ok; else null. */
    private static Map<String, Object> reusable(Path out, ManifestEntry e, String fingerprint) {
        Path marker = folder(out, e).resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        try {
            JsonObject o = Json.parse(Files.readString(marker)).getAsJsonObject();
            if (!fingerprint.equals(o.get("fingerprint").getAsString())) {
                return null;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> x : o.getAsJsonObject("row").entrySet()) {
                JsonElement v = x.getValue();
                r.put(x.getKey(), v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() ? (Object) v.getAsDouble()
                        : v.isJsonNull() ? Double.NaN : v.getAsString());
            }
            return "ok".equals(r.get("status")) ? r : null;
        } catch (IOException | RuntimeException x) {
            return null; // unreadable or from an older version: run again
        }
    }

    private static void saveMarker(Path out, ManifestEntry e, String fingerprint, Map<String, Object> row) {
        JsonObject o = new JsonObject();
        o.addProperty("fingerprint", fingerprint);
        o.add("row", Json.toTree(row));
        new OutputFolder(folder(out, e)).writeJson(MARKER, o);
    }

    private static Table table(List<Map<String, Object>> rows) {
        Table t = new Table("PatchPINN Batch");
        List<String> columns = new ArrayList<>();
        rows.forEach(r -> r.keySet().forEach(k -> {
            if (!columns.contains(k)) {
                columns.add(k);
            }
        }));
        columns.forEach(t::column);
        for (Map<String, Object> r : rows) {
            Table.Row row = t.addRow();
            r.forEach((k, v) -> {
                if (v instanceof Number n) {
                    row.set(k, n.doubleValue());
                } else {
                    row.set(k, String.valueOf(v));
                }
            });
        }
        return t;
    }

    /** What comes back from a recording: its main numbers, or the verb's error. */
    static final class Summary implements Serializable {
        private static final long serialVersionUID = 1L;
        final LinkedHashMap<String, Object> numbers;
        final String error;

        Summary(LinkedHashMap<String, Object> numbers, String error) {
            this.numbers = numbers;
            this.error = error;
        }
    }

    /**
     * The verb on one recording, where the engine runs it: write its result folder under {@code root} (a
     * folder every executor can write: the driver's disk in local mode, a shared file system on a cluster)
     * and return the numbers for the combined table.
     */
    static final class PerRecording implements BatchJob<Summary> {
        private static final long serialVersionUID = 1L;
        /** Result parts too long or too nested for one table row. */
        private static final Set<String> SKIPPED = Set.of("params", "settings", "units", "diagnostics",
                "stimulus_window", "latent", "selection", "file");
        private final String verb;
        private final Map<String, String> args;
        private final String root;

        PerRecording(String verb, Map<String, String> args, String root) {
            this.verb = verb;
            this.args = new LinkedHashMap<>(args);
            this.root = root;
        }

        @Override
        public Summary run(BatchItem item, Path file, Progress progress) {
            Operation op = Operations.byVerb(verb).orElseThrow();
            Map<String, String> given = new LinkedHashMap<>(args);
            given.put("file", file.toString());
            LinkedHashMap<String, Object> numbers = new LinkedHashMap<>();
            try {
                ParamValues values = new ParamValues(op.params(), given);
                // DJL keeps grad mode per thread and allows one training per process: learned fits run on the
                // process's one training thread (as compare's do), whichever batch or Spark task thread asks
                OperationResult r = trains(op, values) ? TrainingThread.onTrainingThread(() -> op.run(values, progress))
                        : op.run(values, progress);
                // as the verb would write it alone: with its manifest, never over the recording, stale files gone
                r.writeRun(new OutputFolder(Path.of(root).resolve(item.name().replaceAll("[^A-Za-z0-9._-]", "_"))),
                        verb, values.inputFiles());
                if (r.json() != null) {
                    flatten("", r.json(), numbers, 0);
                }
                return new Summary(numbers, null);
            } catch (CancelledException c) {
                throw c;
            } catch (RuntimeException e) {
                return new Summary(numbers, BatchOutcome.reason(e));
            }
        }

        /** A fit whose method trains a network (hybrid, pinn). */
        private static boolean trains(Operation op, ParamValues values) {
            return op instanceof FitOperation && FitMethods.get(values.string("method")) instanceof NewStateFitMethod;
        }

        /** Numbers and short texts of the result, two levels deep; a parameter object gives its value. */
        static void flatten(String prefix, JsonObject o, Map<String, Object> out, int depth) {
            for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                String key = prefix + e.getKey();
                JsonElement v = e.getValue();
                if (depth == 0 && SKIPPED.contains(e.getKey())) {
                    continue;
                }
                if (v.isJsonPrimitive()) {
                    if (v.getAsJsonPrimitive().isNumber()) {
                        out.put(key, v.getAsDouble());
                    } else if (depth == 0 && v.getAsJsonPrimitive().isString()) {
                        out.put(key, v.getAsString());
                    }
                } else if (v.isJsonObject() && v.getAsJsonObject().has("value")
                        && v.getAsJsonObject().get("value").isJsonPrimitive()) {
                    out.put(key, v.getAsJsonObject().get("value").getAsDouble());
                } else if (v.isJsonObject() && depth < 1) {
                    flatten(key + ".", v.getAsJsonObject(), out, depth + 1);
                }
            }
        }
    }
}
