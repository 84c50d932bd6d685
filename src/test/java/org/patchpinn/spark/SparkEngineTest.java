package org.patchpinn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.batch.BatchItem;
import org.patchpinn.batch.BatchJob;
import org.patchpinn.batch.BatchOutcome;
import org.patchpinn.batch.LocalEngine;
import org.patchpinn.task.Progress;

/** The engine contract on Spark local mode: failed rows, retried tasks, order, remote-style inputs. */
class SparkEngineTest {
    static SparkEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        SparkTestSupport.configure();
        engine = new SparkEngine("local[2]");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private List<BatchItem> items(int n) throws Exception {
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = Files.writeString(dir.resolve("r" + i + ".txt"), "recording " + i);
            // every other input as a file: URI, read through Hadoop's file system API
            String where = i % 2 == 0 ? f.toString() : f.toUri().toString();
            items.add(new BatchItem(10 + i, "r" + i, where, i, "c" + i % 2, Map.of("k", "v" + i), "fp" + i));
        }
        return items;
    }

    @Test
    void aThrowingJobIsAFailedRowAndTheOthersFinishInOrder() throws Exception {
        List<BatchItem> items = items(5);
        BatchJob<String> job = (item, file, p) -> {
            if (item.name().equals("r3")) {
                throw new IllegalArgumentException(file.getFileName() + ": not a recording");
            }
            return Files.readString(file);
        };
        List<BatchOutcome<String>> seen = new ArrayList<>();
        List<BatchOutcome<String>> out = engine.run(items, job, seen::add, Progress.NONE);
        assertEquals(5, out.size());
        assertEquals(5, seen.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(items.get(i), out.get(i).item());
            if (i == 3) {
                assertFalse(out.get(i).ok());
                assertEquals("r3.txt: not a recording", out.get(i).error());
                assertNull(out.get(i).value());
            } else {
                assertEquals("recording " + i, out.get(i).value());
            }
        }
        // the same job on the thread pool gives the same outcomes
        List<BatchOutcome<String>> local = new LocalEngine(2, "t").run(items.stream().map(it -> new BatchItem(
                it.index(), it.name(), dir.resolve(it.name() + ".txt").toString(), it.condition(), it.cell(),
                it.covariates(), it.fingerprint())).toList(), job, o -> { }, Progress.NONE);
        for (int i = 0; i < 5; i++) {
            assertEquals(out.get(i).value(), local.get(i).value());
            assertEquals(out.get(i).error(), local.get(i).error());
        }
    }

    @Test
    void aTaskThatDiesIsRetriedAndItsRecordingIsNotLost() throws Exception {
        List<BatchItem> items = items(3);
        // an Error escapes the job (as a lost executor would): Spark retries the task
        BatchJob<String> job = (item, file, p) -> {
            int attempt = TaskContext.get().attemptNumber();
            if (item.name().equals("r1") && attempt == 0) {
                throw new AssertionError("simulated executor failure");
            }
            return item.name() + " attempt " + attempt;
        };
        List<BatchOutcome<String>> out = engine.run(items, job, o -> { }, Progress.NONE);
        assertEquals("r0 attempt 0", out.get(0).value());
        assertEquals("r1 attempt 1", out.get(1).value());
        assertEquals("r2 attempt 0", out.get(2).value());
    }

    @Test
    void whenSparkGivesUpTheUnfinishedRecordingsAreFailedRows() throws Exception {
        List<BatchItem> items = items(2);
        BatchJob<String> job = (item, file, p) -> {
            if (item.name().equals("r0")) {
                throw new AssertionError("always dies");
            }
            return "ok";
        };
        List<BatchOutcome<String>> out = engine.run(items, job, o -> { }, Progress.NONE);
        assertFalse(out.get(0).ok());
        assertTrue(out.get(0).error().startsWith("Spark gave up"), out.get(0).error());
    }

    /** Tasks running now, and trainings running now, in this JVM; the most of each seen. */
    static final java.util.concurrent.atomic.AtomicInteger TASKS = new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger TRAININGS = new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger MOST_TASKS = new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger MOST_TRAININGS =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Learned-state fits (hybrid, pinn) hold pinn.TrainingThread's lock while they train: on an executor with
     * two cores (local[2]: one JVM) two tasks run at once, but only one of them trains at a time.
     */
    @Test
    void anExecutorRunsTasksSideBySideButOneTrainingAtATime() throws Exception {
        List<BatchItem> items = items(4);
        BatchJob<String> job = (item, file, p) -> {
            MOST_TASKS.accumulateAndGet(TASKS.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300); // reading, features: in parallel
                return org.patchpinn.pinn.TrainingThread.exclusively(() -> {
                    MOST_TRAININGS.accumulateAndGet(TRAININGS.incrementAndGet(), Math::max);
                    Thread.sleep(200);
                    TRAININGS.decrementAndGet();
                    return item.name();
                });
            } finally {
                TASKS.decrementAndGet();
            }
        };
        List<BatchOutcome<String>> out = engine.run(items, job, o -> { }, Progress.NONE);
        for (int i = 0; i < 4; i++) {
            assertEquals("r" + i, out.get(i).value(), String.valueOf(out.get(i).error()));
        }
        assertEquals(2, MOST_TASKS.get(), "two task slots in use at once");
        assertEquals(1, MOST_TRAININGS.get(), "one training at a time in the executor JVM");
    }

    @Test
    void theDocumentedJvmOptionsAreThoseSurefireUses() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<spark.jvm.opens>(.*?)</spark.jvm.opens>")
                .matcher(pom);
        assertTrue(m.find());
        assertEquals(m.group(1).trim(), Files.readString(Path.of("spark-jvm-options.txt")).trim());
    }

    @Test
    void localMastersRetryLikeAClusterAndHeadersBecomeParquetNames() {
        assertEquals("local[2,4]", SparkEngine.withRetries("local[2]"));
        assertEquals("local[*,4]", SparkEngine.withRetries("local[*]"));
        assertEquals("local[1,4]", SparkEngine.withRetries("local"));
        assertEquals("local[2,3]", SparkEngine.withRetries("local[2,3]"));
        assertEquals("spark://h:7077", SparkEngine.withRetries("spark://h:7077"));
        assertEquals("C_pF", ParquetTables.safeName("C (pF)"));
        assertEquals("rate_Hz_at_100_pA", ParquetTables.safeName("rate (Hz) at 100 pA"));
    }
}
