package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.patchpinn.PatchPinnException;
import org.patchpinn.task.CancelledException;
import org.patchpinn.task.Progress;

/**
 * Runs a {@link RecordingAnalyzer} over every manifest row on a thread pool. Each result is saved the moment
 * it is done; rows whose saved result still matches (same file content and settings) are
 * not analysed again; a recording that fails becomes a FAILED row with the reason and the batch goes on.
 * Cancellation stops the pool; what was saved stays for the next run.
 */
public final class BatchRunner {
    private final RecordingAnalyzer analyzer;
    private final ResultStore store;
    private final int threads;

    /** {@code threads} ≤ 0 means all available cores. */
    public BatchRunner(RecordingAnalyzer analyzer, ResultStore store, int threads) {
        this.analyzer = analyzer;
        this.store = store;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** Results in manifest order. */
    public List<RecordingResult> run(List<ManifestEntry> entries, Progress progress) {
        String settings = analyzer.settingsFingerprint();
        RecordingResult[] results = new RecordingResult[entries.size()];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ManifestEntry e = entries.get(i);
            if (!e.usable()) {
                results[i] = RecordingResult.failed(e, RecordingResult.Status.EXCLUDED, e.problem(), "", 0);
                continue;
            }
            String fp = ResultStore.fingerprint(e, settings);
            Optional<RecordingResult> saved = store == null ? Optional.empty() : store.reusable(e, fp);
            if (saved.isPresent()) {
                results[i] = saved.get();
            } else {
                todo.add(i);
            }
        }
        int total = todo.size();
        if (total == 0) {
            progress.fraction(1);
            return List.of(results);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, total), r -> {
            Thread t = new Thread(r, "patchpinn-compare");
            t.setDaemon(true);
            return t;
        });
        CompletionService<RecordingResult> done = new ExecutorCompletionService<>(pool);
        java.util.Map<Future<RecordingResult>, Integer> futures = new java.util.HashMap<>();
        try {
            for (int i : todo) {
                ManifestEntry e = entries.get(i);
                String fp = ResultStore.fingerprint(e, settings);
                futures.put(done.submit(() -> analyseSafely(e, fp, progress)), i);
            }
            for (int finished = 0; finished < total; ) {
                Future<RecordingResult> f = done.poll(200, TimeUnit.MILLISECONDS);
                if (progress.isCancelled()) {
                    throw new CancelledException();
                }
                if (f == null) {
                    continue;
                }
                RecordingResult r = get(f);
                results[futures.get(f)] = r;
                finished++;
                progress.status("analysed " + r.entry().name() + " (" + finished + "/" + total + ")"
                        + (r.ok() ? "" : ": " + r.message()));
                progress.fraction(finished / (double) total);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            futures.keySet().forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
        return List.of(results);
    }

    private RecordingResult analyseSafely(ManifestEntry e, String fp, Progress progress) {
        long t0 = System.nanoTime();
        RecordingResult r;
        try {
            r = analyzer.analyse(e, fp, progress);
        } catch (CancelledException c) {
            throw c;
        } catch (PatchPinnException | IllegalArgumentException | IllegalStateException | ArithmeticException x) {
            r = RecordingResult.failed(e, RecordingResult.Status.FAILED, x.getMessage(), fp,
                    (System.nanoTime() - t0) / 1e9);
        } catch (RuntimeException x) {
            r = RecordingResult.failed(e, RecordingResult.Status.FAILED, x.getClass().getSimpleName() + ": "
                    + x.getMessage(), fp, (System.nanoTime() - t0) / 1e9);
        }
        if (store != null) {
            store.save(r);
        }
        return r;
    }

    private static RecordingResult get(Future<RecordingResult> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancelledException c) {
                throw c;
            }
            throw new PatchPinnException("analysis failed: " + e.getCause(), e.getCause());
        }
    }
}
