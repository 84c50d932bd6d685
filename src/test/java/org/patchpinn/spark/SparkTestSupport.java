package org.patchpinn.spark;

/** Spark settings for tests in one JVM: loopback only, no web UI (ports and start-up time). */
final class SparkTestSupport {
    private SparkTestSupport() {
    }

    static void configure() {
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.sql.shuffle.partitions", "2");
    }
}
