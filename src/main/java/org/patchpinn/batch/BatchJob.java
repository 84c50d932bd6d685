package org.patchpinn.batch;

import java.io.Serializable;
import java.nio.file.Path;
import org.patchpinn.task.Progress;

/**
 * The work done for one recording. The local engine calls it in the driver's JVM; the Spark engine ships it to
 * the executors, so a job meant for Spark must be serialisable all the way down and return a serialisable value
 * (plain strings and numbers are safest).
 *
 * @param <R> the per-recording result
 */
@FunctionalInterface
public interface BatchJob<R> extends Serializable {
    /**
     * @param file     the recording as a local file (an engine copies remote inputs to a local temporary file)
     * @param progress cancellation and status for in-process engines; silent on remote executors
     */
    R run(BatchItem item, Path file, Progress progress) throws Exception;
}
