package org.patchpinn.compare;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.patchpinn.PatchPinnException;
import org.patchpinn.batch.BatchEngine;
import org.patchpinn.batch.BatchItem;
import org.patchpinn.batch.BatchJob;
import org.patchpinn.batch.LocalEngine;
import org.patchpinn.batch.ProgressLine;
import org.patchpinn.report.Json;
import org.patchpinn.task.CancelledException;
import org.patchpinn.task.Progress;

/**
 * Runs a {@link RecordingAnalyzer} over every manifest row on a {@link BatchEngine} (a thread pool by default,
 * Spark when asked). Each result is saved the moment it reaches this JVM; rows whose saved result still matches
 * (same file content, by SHA-256, and settings) are not analysed again; a recording that fails becomes a FAILED
 * row with the reason and the batch goes on. Cancellation stops the engine; what was saved stays for the next run.
 */
public final class BatchRunner {
    public static final String THREAD_NAME = "patchpinn-compare";
    private final RecordingAnalyzer analyzer;
    private final ResultStore store;
    private final BatchEngine engine;
    private final AnalyzerRecipe recipe;

    /** The thread pool; {@code threads} ≤ 0 means all available cores. */
    public BatchRunner(RecordingAnalyzer analyzer, ResultStore store, int threads) {
        this(analyzer, store, new LocalEngine(threads, THREAD_NAME), null);
    }

    /**
     * @param recipe how executors rebuild {@code analyzer}; needed unless the engine runs in this process
     */
    public BatchRunner(RecordingAnalyzer analyzer, ResultStore store, BatchEngine engine, AnalyzerRecipe recipe) {
        if (!engine.inProcess() && recipe == null) {
            throw new IllegalArgumentException(engine.describe() + " needs a recipe to rebuild the analyser");
        }
        this.analyzer = analyzer;
        this.store = store;
        this.engine = engine;
        this.recipe = recipe;
    }

    /** Results in manifest order. */
    public List<RecordingResult> run(List<ManifestEntry> entries, Progress progress) {
        String settings = analyzer.settingsFingerprint();
        RecordingResult[] results = new RecordingResult[entries.size()];
        List<BatchItem> todo = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ManifestEntry e = entries.get(i);
            if (!e.usable()) {
                results[i] = RecordingResult.failed(e, RecordingResult.Status.EXCLUDED, e.problem(), "", 0);
                continue;
            }
            String fp = ResultStore.fingerprint(e, settings, engine);
            Optional<RecordingResult> saved = store == null ? Optional.empty() : store.reusable(e, fp);
            if (saved.isPresent()) {
                results[i] = saved.get();
            } else {
                todo.add(new BatchItem(i, e.name(), e.location(), e.condition(), e.cell(), e.covariates(), fp));
            }
        }
        if (todo.isEmpty()) {
            progress.fraction(1);
            return List.of(results);
        }
        ProgressLine line = new ProgressLine(progress, todo.size());
        if (engine.inProcess()) {
            RecordingAnalyzer a = analyzer;
            runOn(todo, (item, file, p) -> analyseSafely(a, entries.get(item.index()), item.fingerprint(), p),
                    r -> r, entries, results, line, progress);
        } else {
            runOn(todo, new RemoteAnalysis(recipe), json -> decode(json, entries), entries, results, line, progress);
        }
        return List.of(results);
    }

    private <R> void runOn(List<BatchItem> todo, BatchJob<R> job, Function<R, RecordingResult> decode,
                           List<ManifestEntry> entries, RecordingResult[] results, ProgressLine line,
                           Progress progress) {
        engine.run(todo, job, o -> {
            ManifestEntry e = entries.get(o.item().index());
            RecordingResult r = o.ok() ? decode.apply(o.value())
                    : RecordingResult.failed(e, RecordingResult.Status.FAILED, o.error(), o.item().fingerprint(),
                    o.seconds());
            if (store != null) {
                store.save(r);
            }
            results[o.item().index()] = r;
            line.finished(e.name(), r.ok() ? null : r.message());
        }, progress);
    }

    /** A result that came back as JSON, attached to the driver's manifest row. */
    private static RecordingResult decode(String json, List<ManifestEntry> entries) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        ManifestEntry e = entries.get(o.get("batch_index").getAsInt());
        RecordingResult r = RecordingResult.fromJson(o, e);
        return new RecordingResult(e, r.status(), r.message(), r.fingerprint(), r.fits(), r.features(), r.seconds(),
                false);
    }

    /** One recording; whatever the analysis throws becomes a FAILED row (cancellation passes through). */
    static RecordingResult analyseSafely(RecordingAnalyzer analyzer, ManifestEntry e, String fp, Progress progress) {
        long t0 = System.nanoTime();
        try {
            return analyzer.analyse(e, fp, progress);
        } catch (CancelledException c) {
            throw c;
        } catch (PatchPinnException | IllegalArgumentException | IllegalStateException | ArithmeticException x) {
            return RecordingResult.failed(e, RecordingResult.Status.FAILED, x.getMessage(), fp,
                    (System.nanoTime() - t0) / 1e9);
        } catch (RuntimeException x) {
            return RecordingResult.failed(e, RecordingResult.Status.FAILED, x.getClass().getSimpleName() + ": "
                    + x.getMessage(), fp, (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * The per-recording stage on an executor: rebuild the analyser from the recipe (once per JVM), analyse the
     * local copy of the file, send the result back as JSON text (the same form the result store keeps).
     */
    static final class RemoteAnalysis implements BatchJob<String> {
        private static final long serialVersionUID = 1L;
        private static final Map<AnalyzerRecipe, RecordingAnalyzer> BUILT = new ConcurrentHashMap<>();
        private final AnalyzerRecipe recipe;

        RemoteAnalysis(AnalyzerRecipe recipe) {
            this.recipe = recipe;
        }

        @Override
        public String run(BatchItem item, Path file, Progress progress) {
            RecordingAnalyzer a = BUILT.computeIfAbsent(recipe, AnalyzerRecipe::build);
            ManifestEntry e = new ManifestEntry(item.index() + 1, item.name(), file, item.condition(), item.cell(),
                    item.covariates(), "");
            JsonObject o = analyseSafely(a, e, item.fingerprint(), progress).toJson();
            o.addProperty("batch_index", item.index());
            return Json.toJson(o);
        }
    }
}
