/**
 * The Apache Spark batch engine: runs per-recording jobs of {@code org.patchpinn.batch} as Spark tasks (one task
 * per recording, retried by Spark), reads remote inputs through Hadoop's FileSystem API and writes Parquet tables.
 * Spark is a {@code provided} dependency (Maven profile {@code spark}): nothing here is in the Fiji plugin jar.
 * Statistics and laws never run here; they stay on the driver.
 */
package org.patchpinn.spark;
