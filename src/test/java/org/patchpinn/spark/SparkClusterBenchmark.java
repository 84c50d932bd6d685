package org.patchpinn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.patchpinn.op.BatchOperation;
import org.patchpinn.op.OperationResult;
import org.patchpinn.op.ParamValues;
import org.patchpinn.report.Table;
import org.patchpinn.sim.SyntheticManifest;
import org.patchpinn.task.Progress;

/**
 * A real standalone cluster on this machine (a master and workers in their own JVMs, executors launched by the
 * workers, this JVM the driver) running batch over a 100-recording synthetic manifest:
 * <ol>
 *   <li>a worker (and its executor) is killed after 30 recordings: no recording lost;</li>
 *   <li>a second run resumes: nothing recomputed;</li>
 *   <li>throughput with 1 and 2 executor cores, and Spark's overhead vs the thread pool on the same cores.</li>
 * </ol>
 * Needs target/spark-jars and target/patchpinn-app.jar: {@code mvn -Pspark -DskipTests package}, then
 * {@code mvn test -Pbenchmark -Dtest=SparkClusterBenchmark [-Dbench.run=features|fit]}. The per-recording
 * work is {@code features} by default (cheap; the engines' overhead shows); {@code -Dbench.run=fit} uses
 * classic fits (model traub-rs-m, 300 evaluations, no intervals).
 */
@Tag("benchmark")
class SparkClusterBenchmark {
    static final Path WORK = Path.of("target/spark-cluster-bench").toAbsolutePath();
    static final int CELLS = 20;

    private static String run() {
        return System.getProperty("bench.run", "features");
    }

    private static String args() {
        return run().equals("fit") ? "model=traub-rs-m method=classic max_evaluations=300 ci=false" : "";
    }

    private static OperationResult batch(Path manifest, Path out, String engine, String master, Progress p) {
        BatchOperation op = new BatchOperation();
        return op.run(ParamValues.of(op.params(), "manifest", manifest.toString(), "out", out.toString(), "run", run(),
                "args", args(), "engine", engine, "master", master, "threads", "2"), p);
    }

    private static long ok(OperationResult r) {
        Table t = r.tables().get(0).table();
        long n = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            n += "ok".equals(t.get(i, "status")) ? 1 : 0;
        }
        return n;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void delete(Path p) throws Exception {
        if (Files.exists(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }

    @Test
    void clusterSurvivesALostWorkerResumesAndKeepsUp() throws Exception {
        Path app = Path.of("target/patchpinn-app.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(app), "run 'mvn -Pspark -DskipTests package' first");
        Files.createDirectories(WORK);
        Path manifest = SyntheticManifest.write(WORK.resolve("data"), CELLS, 42);
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.jars", app.toString());
        System.setProperty("spark.executor.memory", "1g");
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%nSpark standalone cluster benchmark: %d recordings, run=%s %s%n", CELLS * 5, run(), args()));

        // thread pool on 2 threads: the reference
        delete(WORK.resolve("out-local"));
        long t0 = System.nanoTime();
        OperationResult local = batch(manifest, WORK.resolve("out-local"), "local", "", Progress.NONE);
        double tLocal = seconds(t0);
        assertEquals(CELLS * 5, ok(local));
        report.append(String.format(Locale.ROOT, "local engine, 2 threads: %.1f s (%.1f recordings/min)%n", tLocal,
                CELLS * 5 * 60 / tLocal));

        double t2;
        try (StandaloneCluster cluster = StandaloneCluster.start(WORK.resolve("cluster2"), 2, 1, "2g")) {
            // 1. lose a worker after 30 recordings
            Path out = WORK.resolve("out-kill");
            delete(out);
            AtomicBoolean killed = new AtomicBoolean();
            int[] finished = {0};
            Progress killer = new Progress() {
                @Override public void status(String message) { }
                @Override public void fraction(double done) { }
                @Override public void log(String message) {
                    if (message.startsWith("finished ") && ++finished[0] == 30 && killed.compareAndSet(false, true)) {
                        cluster.killWorker(0);
                        System.out.println("killed worker 0 and its executor after 30 recordings");
                    }
                }
                @Override public boolean isCancelled() { return false; }
            };
            t0 = System.nanoTime();
            OperationResult r = batch(manifest, out, "spark", cluster.masterUrl, killer);
            double tKill = seconds(t0);
            assertTrue(killed.get());
            assertEquals(CELLS * 5, ok(r), "every recording analysed despite the lost worker");
            report.append(String.format(Locale.ROOT, "cluster 2 workers x 1 core, worker 0 killed after 30: "
                    + "%d/%d ok in %.1f s%n", ok(r), CELLS * 5, tKill));
            // 2. resume: nothing recomputed
            t0 = System.nanoTime();
            OperationResult again = batch(manifest, out, "spark", cluster.masterUrl, Progress.NONE);
            assertEquals(0, again.json().get("computed").getAsInt());
            assertEquals(CELLS * 5, ok(again));
            report.append(String.format(Locale.ROOT, "second run: %d recomputed, %.1f s (hashing and reading saved "
                    + "results)%n", again.json().get("computed").getAsInt(), seconds(t0)));
        }
        try (StandaloneCluster cluster = StandaloneCluster.start(WORK.resolve("cluster2b"), 2, 1, "2g")) {
            Path out = WORK.resolve("out-2cores");
            delete(out);
            t0 = System.nanoTime();
            assertEquals(CELLS * 5, ok(batch(manifest, out, "spark", cluster.masterUrl, Progress.NONE)));
            t2 = seconds(t0);
            report.append(String.format(Locale.ROOT, "cluster, 2 executor cores (2 workers x 1): %.1f s "
                    + "(%.1f recordings/min), overhead vs local %+.0f %%%n", t2, CELLS * 5 * 60 / t2,
                    100 * (t2 / tLocal - 1)));
        }
        try (StandaloneCluster cluster = StandaloneCluster.start(WORK.resolve("cluster1"), 1, 1, "2g")) {
            Path out = WORK.resolve("out-1core");
            delete(out);
            t0 = System.nanoTime();
            assertEquals(CELLS * 5, ok(batch(manifest, out, "spark", cluster.masterUrl, Progress.NONE)));
            double t1 = seconds(t0);
            report.append(String.format(Locale.ROOT, "cluster, 1 executor core: %.1f s (%.1f recordings/min)%n", t1,
                    CELLS * 5 * 60 / t1));
        }
        System.out.println(report);
        Files.writeString(WORK.resolve("report.txt"), report.toString());
    }
}
