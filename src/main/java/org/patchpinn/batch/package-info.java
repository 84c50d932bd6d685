/**
 * Batch engines: run a serialisable per-recording job over the entries of a manifest and hand each result back
 * on the driver as it finishes ({@link org.patchpinn.batch.BatchEngine}); the local thread pool is the default,
 * the Spark engine ({@code org.patchpinn.spark}) the cluster one. Per-recording progress lines, resume keys
 * (SHA-256 of the file and the settings). Cross-recording statistics never run here.
 */
package org.patchpinn.batch;
