package org.patchpinn.batch;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * A fork-join pool for batch work whose size is the cores the work may use. Recordings are submitted to it, and
 * the parallel streams inside a recording's fit (sweeps, search starts) fork into the same pool: with the JVM's
 * common pool instead, every worker's fit would add up to one more busy thread per core, and two JVMs on one machine
 * (Spark executors) each a full set. Its workers carry the creating thread's context class loader (a default
 * fork-join worker takes the system one, which in Fiji or a Spark executor does not see the plugin's classes) and
 * a name for thread dumps.
 */
public final class TaskPool {
    private TaskPool() {
    }

    /** A pool of {@code parallelism} (≥ 1) workers, each named {@code name}. */
    public static ForkJoinPool of(int parallelism, String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new ForkJoinPool(Math.max(1, parallelism), pool -> new Worker(pool, loader, name), null, false);
    }

    private static final class Worker extends ForkJoinWorkerThread {
        Worker(ForkJoinPool pool, ClassLoader loader, String name) {
            super(pool);
            setContextClassLoader(loader);
            setName(name);
            setDaemon(true);
        }
    }
}
