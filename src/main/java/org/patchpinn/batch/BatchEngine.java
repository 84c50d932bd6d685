package org.patchpinn.batch;

import java.util.List;
import java.util.function.Consumer;
import org.patchpinn.report.Table;
import org.patchpinn.task.Progress;

/**
 * Runs one job over many recordings and collects the outcomes: the narrow seam between per-recording work and
 * where it runs (a thread pool here, a Spark cluster elsewhere). Everything that combines recordings stays with
 * the caller, so results do not depend on the engine.
 */
public interface BatchEngine extends InputFiles, AutoCloseable {
    /** E.g. "local (4 threads)" or "spark (spark://host:7077)". */
    String describe();

    /**
     * Runs {@code job} once per item; a job that throws becomes a failed outcome and the batch goes on.
     *
     * @param finished called on the caller's thread, one outcome at a time, as each recording finishes (save it
     *                 there so an interrupted batch can resume)
     * @return outcomes in the order of {@code items}
     * @throws org.patchpinn.task.CancelledException when {@code progress} is cancelled
     */
    <R> List<BatchOutcome<R>> run(List<BatchItem> items, BatchJob<R> job, Consumer<BatchOutcome<R>> finished,
                                  Progress progress);

    /** True when jobs run in this JVM and need not be serialisable (the thread pool). */
    default boolean inProcess() {
        return false;
    }

    /**
     * Writes a combined table as Parquet at {@code path} (a folder, Spark's layout) when this engine can;
     * false when it cannot (the thread pool has no Parquet writer: CSV only).
     */
    default boolean writeParquet(Table table, String path) {
        return false;
    }

    /** Releases threads or the Spark context; the engine cannot run afterwards. */
    @Override
    void close();
}
