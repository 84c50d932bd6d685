package org.patchpinn.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.patchpinn.task.CancelledException;
import org.patchpinn.task.Progress;

/**
 * The default engine: {@code threads} workers in this JVM ({@link TaskPool}: the recordings and the parallel work
 * inside each share them, so a batch keeps that many cores busy); items are local files.
 */
public final class LocalEngine implements BatchEngine {
    private final int threads;
    private final String threadName;

    /** @param threads ≤ 0: all available cores; {@code threadName} names the workers (for thread dumps) */
    public LocalEngine(int threads, String threadName) {
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.threadName = threadName;
    }

    @Override
    public String describe() {
        return "local (" + threads + " threads)";
    }

    @Override
    public <R> List<BatchOutcome<R>> run(List<BatchItem> items, BatchJob<R> job, Consumer<BatchOutcome<R>> finished,
                                         Progress progress) {
        List<BatchOutcome<R>> out = BatchOutcome.slots(items.size());
        // one pool for the recordings and the parallel streams inside their fits: `threads` cores busy at most,
        // and with fewer recordings than threads left, the idle workers help with the running fits
        ForkJoinPool pool = TaskPool.of(threads, threadName);
        BlockingQueue<Object[]> done = new LinkedBlockingQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < items.size(); i++) {
                int at = i;
                BatchItem item = items.get(i);
                futures.add(pool.submit(() -> {
                    try {
                        done.add(new Object[] {at, attempt(item, job, progress)});
                    } catch (CancelledException c) {
                        done.add(new Object[] {at, c});
                    }
                }));
            }
            for (int n = 0; n < items.size(); ) {
                Object[] next = done.poll(200, TimeUnit.MILLISECONDS);
                if (progress.isCancelled() || next != null && next[1] instanceof CancelledException) {
                    throw new CancelledException();
                }
                if (next == null) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                BatchOutcome<R> o = (BatchOutcome<R>) next[1];
                out.set((Integer) next[0], o);
                finished.accept(o);
                n++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            futures.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
        return out;
    }

    /** One item, its exception turned into a failed outcome (cancellation passes through). */
    static <R> BatchOutcome<R> attempt(BatchItem item, BatchJob<R> job, Progress progress) {
        long t0 = System.nanoTime();
        try {
            return BatchOutcome.of(item, job.run(item, Path.of(item.file()), progress), (System.nanoTime() - t0) / 1e9);
        } catch (CancelledException c) {
            throw c;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            return BatchOutcome.failed(item, BatchOutcome.reason(e), (System.nanoTime() - t0) / 1e9);
        }
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public void close() {
        // the pool lives only while run() does
    }
}
