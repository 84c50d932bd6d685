package org.patchpinn.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskContext$;
import org.patchpinn.batch.BatchItem;
import org.patchpinn.batch.BatchJob;
import org.patchpinn.batch.BatchOutcome;
import org.patchpinn.batch.TaskPool;
import org.patchpinn.task.Progress;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * What an executor runs for one partition (one recording): fetch the input through Hadoop's file system if it
 * is remote, run the job, and turn the job's exception into a failed outcome. Errors of the executor itself
 * (lost JVM, out of memory) are left to Spark, which retries the task elsewhere.
 */
final class RecordingTask<R> extends AbstractFunction1<Iterator<BatchItem>, BatchOutcome<R>> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final BatchJob<R> job;

    RecordingTask(BatchJob<R> job) {
        this.job = job;
    }

    @Override
    public BatchOutcome<R> apply(Iterator<BatchItem> partition) {
        BatchItem item = partition.next();
        if (partition.hasNext()) {
            throw new IllegalStateException("one recording per task expected");
        }
        // the job's parallel streams (sweeps, search starts) run on the cores Spark gave the task: from the common
        // pool, executors sharing a machine would each add a worker per core of the whole machine
        TaskContext task = TaskContext.get();
        ForkJoinPool pool = TaskPool.of(task == null ? 1 : task.cpus(), "patchpinn-task");
        try {
            return pool.submit(() -> runAs(task, item)).join();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The job on the pool's worker, with the task's context there too (Spark keeps it per thread). */
    private BatchOutcome<R> runAs(TaskContext task, BatchItem item) {
        if (task == null) {
            return run(item);
        }
        TaskContext$.MODULE$.setTaskContext(task);
        try {
            return run(item);
        } finally {
            TaskContext$.MODULE$.unset();
        }
    }

    private BatchOutcome<R> run(BatchItem item) {
        long t0 = System.nanoTime();
        try (HadoopInput in = HadoopInput.open(item.file())) {
            Path file = in.localFile();
            return BatchOutcome.of(item, job.run(item, file, Progress.NONE), (System.nanoTime() - t0) / 1e9);
        } catch (Exception | StackOverflowError e) {
            return BatchOutcome.failed(item, BatchOutcome.reason(e), (System.nanoTime() - t0) / 1e9);
        }
    }
}
