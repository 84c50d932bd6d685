package org.patchpinn.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.patchpinn.batch.BatchEngine;
import org.patchpinn.batch.BatchItem;
import org.patchpinn.batch.BatchJob;
import org.patchpinn.batch.BatchOutcome;
import org.patchpinn.batch.InputLocation;
import org.patchpinn.report.Table;
import org.patchpinn.task.CancelledException;
import org.patchpinn.task.Progress;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Runs a batch on Apache Spark: one task per recording (so Spark retries, and the driver reports, per
 * recording), each task's outcome handed to the caller on the driver the moment it arrives. A job that throws
 * is a failed row; a task lost with its executor is retried by Spark (spark.task.maxFailures); only when Spark
 * gives up on a task does the rest of that batch become failed rows, which a re-run then picks up.
 */
public final class SparkEngine implements BatchEngine {
    /** Attempts per task before Spark gives up on a recording (Spark's cluster default). */
    static final int TASK_ATTEMPTS = 4;
    private final SparkSession spark;
    private final String master;
    private final boolean ownSession;

    /** @param master Spark master URL; empty: the one spark-submit set, else local[*] */
    public SparkEngine(String master) {
        SparkConf conf = new SparkConf();
        if (master != null && !master.isBlank()) {
            conf.setMaster(withRetries(master.trim()));
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(withRetries("local[*]"));
        }
        conf.setIfMissing("spark.app.name", "PatchPINN");
        conf.setIfMissing("spark.task.maxFailures", String.valueOf(TASK_ATTEMPTS));
        shipOwnJar(conf);
        // a session stopped earlier stays "active" in its thread: only a live one is someone else's to stop
        boolean existed = live(SparkSession.getActiveSession()) || live(SparkSession.getDefaultSession());
        this.spark = SparkSession.builder().config(conf).getOrCreate();
        this.master = spark.sparkContext().master();
        this.ownSession = !existed;
    }

    private static boolean live(scala.Option<SparkSession> session) {
        return session.isDefined() && !session.get().sparkContext().isStopped();
    }

    /**
     * local[N] never retries a task (its attempts come from the master string, not spark.task.maxFailures):
     * give it the cluster default, local[N,4], so a failed task is retried in one process as on a cluster.
     */
    static String withRetries(String master) {
        if (master.equals("local")) {
            return "local[1," + TASK_ATTEMPTS + "]";
        }
        Matcher m = Pattern.compile("local\\[([0-9]+|\\*)\\]").matcher(master);
        return m.matches() ? "local[" + m.group(1) + "," + TASK_ATTEMPTS + "]" : master;
    }

    /**
     * Executors of a cluster need PatchPINN's classes: when this class was loaded from a jar (patchpinn-app.jar)
     * and nobody set spark.jars (spark-submit does), Spark ships that jar to them.
     */
    private static void shipOwnJar(SparkConf conf) {
        if (conf.get("spark.master").startsWith("local") || conf.contains("spark.jars")) {
            return;
        }
        try {
            URL where = SparkEngine.class.getProtectionDomain().getCodeSource().getLocation();
            Path p = Path.of(where.toURI());
            if (p.toString().endsWith(".jar")) {
                conf.set("spark.jars", p.toAbsolutePath().toString());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (unusual class loader): the user sets spark.jars or uses spark-submit
        }
    }

    @Override
    public String describe() {
        return "spark (" + master + ", default parallelism " + spark.sparkContext().defaultParallelism() + ")";
    }

    public SparkSession session() {
        return spark;
    }

    @Override
    public <R> List<BatchOutcome<R>> run(List<BatchItem> items, BatchJob<R> job, Consumer<BatchOutcome<R>> finished,
                                         Progress progress) {
        List<BatchOutcome<R>> out = BatchOutcome.slots(items.size());
        if (items.isEmpty()) {
            return out;
        }
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            if (position.put(items.get(i).index(), i) != null) {
                throw new IllegalArgumentException("two batch items with index " + items.get(i).index());
            }
        }
        SparkContext sc = spark.sparkContext();
        JavaRDD<BatchItem> rdd = JavaSparkContext.fromSparkContext(sc).parallelize(items, items.size());
        BlockingQueue<BatchOutcome<R>> arrived = new LinkedBlockingQueue<>();
        String group = "patchpinn-" + System.nanoTime();
        Throwable[] aborted = new Throwable[1];
        @SuppressWarnings({"unchecked", "rawtypes"})
        ClassTag<BatchOutcome<R>> tag = (ClassTag) ClassTag$.MODULE$.apply(BatchOutcome.class);
        Thread driver = new Thread(() -> {
            sc.setJobGroup(group, "PatchPINN batch of " + items.size() + " recordings", true);
            try {
                sc.runJob(rdd.rdd(), new RecordingTask<>(job), new Arrived<>(arrived), tag);
            } catch (Throwable t) {
                aborted[0] = t;
            }
        }, "patchpinn-spark-job");
        driver.setDaemon(true);
        driver.start();
        int received = 0;
        try {
            while (received < items.size()) {
                BatchOutcome<R> o = arrived.poll(200, TimeUnit.MILLISECONDS);
                if (progress.isCancelled()) {
                    sc.cancelJobGroup(group);
                    throw new CancelledException();
                }
                if (o != null) {
                    out.set(position.get(o.item().index()), o);
                    finished.accept(o);
                    received++;
                } else if (!driver.isAlive() && arrived.isEmpty()) {
                    break; // the job ended without some outcomes: Spark gave up on a task
                }
            }
            driver.join();
        } catch (InterruptedException e) {
            sc.cancelJobGroup(group);
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        String why = aborted[0] == null ? "no result from Spark" : "Spark gave up: " + firstLine(aborted[0]);
        for (int i = 0; i < items.size(); i++) {
            if (out.get(i) == null) {
                BatchOutcome<R> lost = BatchOutcome.failed(items.get(i), why, 0);
                out.set(i, lost);
                finished.accept(lost);
            }
        }
        return out;
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Writes a table as one Parquet file (Spark's folder layout: {@code path}/part-*.parquet). */
    @Override
    public boolean writeParquet(Table table, String path) {
        if (spark.sparkContext().isStopped()) {
            throw new IllegalStateException("the Spark application was stopped (see the master's log)");
        }
        ParquetTables.write(spark, table, path);
        return true;
    }

    /** Plain paths and file: URIs from this machine; other URIs through Hadoop's file system API. */
    @Override
    public InputStream open(String file) throws IOException {
        URI uri = remote(file);
        return uri == null ? BatchEngine.super.open(file)
                : HadoopFiles.open(uri, spark.sparkContext().hadoopConfiguration());
    }

    @Override
    public boolean isFile(String file) {
        URI uri = remote(file);
        return uri == null ? BatchEngine.super.isFile(file)
                : HadoopFiles.isFile(uri, spark.sparkContext().hadoopConfiguration());
    }

    @Override
    public boolean readsRemote() {
        return true;
    }

    /** The URI of a location on another file system than this machine's; null for local ones. */
    private static URI remote(String file) {
        return InputLocation.isLocal(file) ? null : URI.create(file);
    }

    @Override
    public void close() {
        if (ownSession) {
            spark.stop();
        }
    }
}
