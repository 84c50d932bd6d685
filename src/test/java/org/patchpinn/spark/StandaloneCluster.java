package org.patchpinn.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on this machine for benchmarks: a master and workers, each its own JVM started
 * from target/spark-jars (what 'mvn -Pspark -DskipTests package' copies there), as sbin/start-master.sh and
 * start-worker.sh would. Workers launch executor JVMs from SPARK_HOME/jars, so a SPARK_HOME is laid out
 * under target with jars pointing at target/spark-jars.
 */
final class StandaloneCluster implements AutoCloseable {
    final String masterUrl;
    private final Process master;
    final List<Process> workers = new ArrayList<>();
    private String masterUi;

    private StandaloneCluster(String masterUrl, Process master) {
        this.masterUrl = masterUrl;
        this.master = master;
    }

    static StandaloneCluster start(Path work, int workerCount, int coresPerWorker, String memoryPerWorker)
            throws Exception {
        Path home = sparkHome(work);
        int port = freePort();
        int ui = freePort();
        String url = "spark://127.0.0.1:" + port;
        Process m = launch(home, work.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(ui));
        StandaloneCluster c = new StandaloneCluster(url, m);
        c.masterUi = "http://127.0.0.1:" + ui + "/json/";
        for (int w = 0; w < workerCount; w++) {
            Path dir = work.resolve("worker" + w);
            Files.createDirectories(dir);
            c.workers.add(launch(home, work.resolve("worker" + w + ".log"), "org.apache.spark.deploy.worker.Worker",
                    url, "--host", "127.0.0.1", "--cores", String.valueOf(coresPerWorker), "--memory",
                    memoryPerWorker, "--work-dir", dir.toAbsolutePath().toString(), "--webui-port",
                    String.valueOf(freePort())));
        }
        try {
            c.awaitWorkers(work, workerCount);
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * SPARK_HOME/jars: target/spark-jars (Spark less what patchpinn-app.jar already holds) plus the jars of
     * target/dependencies (PatchPINN's own, as installed into Fiji) that Spark shares with PatchPINN (slf4j,
     * commons-math3, ...), as links.
     */
    private static Path sparkHome(Path work) throws IOException {
        Path spark = Path.of("target/spark-jars").toAbsolutePath();
        Path fiji = Path.of("target/dependencies").toAbsolutePath();
        if (!Files.isDirectory(spark) || !Files.isDirectory(fiji)) {
            throw new IllegalStateException("target/spark-jars or target/dependencies missing: run "
                    + "'mvn -Pspark -DskipTests package' first");
        }
        Path home = work.resolve("spark-home").toAbsolutePath();
        Path jars = home.resolve("jars");
        Files.createDirectories(jars);
        for (Path dir : List.of(spark, fiji)) {
            try (var s = Files.list(dir)) {
                for (Path j : s.toList()) {
                    if (!Files.exists(jars.resolve(j.getFileName()))) {
                        Files.createSymbolicLink(jars.resolve(j.getFileName()), j);
                    }
                }
            }
        }
        return home;
    }

    private static Process launch(Path home, Path log, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", home.resolve("jars").toString() + "/*"));
        // the --add-opens flags this JVM got from surefire (pom property spark.jvm.opens)
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized")).toList());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        // what sbin/load-spark-env.sh exports; the worker's executor launcher needs it to find SPARK_HOME/jars
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        return pb.start();
    }

    /** Waits until the master's status page lists every worker alive. */
    private void awaitWorkers(Path work, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            try (java.io.InputStream in = java.net.URI.create(masterUi).toURL().openStream()) {
                String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (json.split("\"state\" : \"ALIVE\"", -1).length - 1 >= n) {
                    return;
                }
            } catch (IOException notUpYet) {
                // the master's web server is still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("workers did not register within 180 s; see " + work);
    }

    /** Kills a worker and the executor JVMs it launched, as a lost machine would. */
    void killWorker(int w) {
        Process p = workers.get(w);
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Stops the workers (and their executors) and the master, and waits for them to exit, so the next cluster
     * of this JVM starts on a quiet machine. (A second start used to hang: the cause was not the cluster but a
     * Spark session left running against the first master; SparkEngine now stops every session it starts.)
     */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process w : workers) {
            w.descendants().forEach(all::add);
            all.add(w.toHandle());
        }
        all.add(master.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cluster process " + p.pid() + " did not exit", e);
            }
        }
    }
}
