package org.patchpinn.compare;

import java.nio.file.Path;
import java.util.Map;

/**
 * One row of a comparison manifest: a recording, its condition value (e.g. glucose in mM), the cell it was
 * recorded from, covariates (other columns, e.g. minutes since the change), and the problem that keeps it
 * from being analysed ("" when none).
 *
 * @param row       1-based data row number in the manifest, for messages
 * @param name      the file as written in the manifest, used as the recording's name in tables
 * @param file      the resolved local path; null when the file is on another file system (see location)
 * @param condition the condition value; NaN when the row has none
 * @param cell      cell identifier; rows without one get a cell of their own
 * @param location  where the file is read from: the local path, or an hdfs://, s3a:// ... URI that an engine
 *                  reads through Hadoop (see {@link org.patchpinn.batch.InputLocation})
 */
public record ManifestEntry(int row, String name, Path file, double condition, String cell,
                            Map<String, String> covariates, String problem, String location) {
    public ManifestEntry {
        covariates = Map.copyOf(covariates);
        if (location == null) {
            location = String.valueOf(file);
        }
    }

    /** A row whose file is on this machine. */
    public ManifestEntry(int row, String name, Path file, double condition, String cell,
                         Map<String, String> covariates, String problem) {
        this(row, name, file, condition, cell, covariates, problem, file.toString());
    }

    /** False for a file on another file system (only an engine that reads it can analyse the row). */
    public boolean local() {
        return file != null;
    }

    public boolean usable() {
        return problem.isEmpty();
    }

    /** A file-system-safe key for this recording's saved result. */
    public String key() {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
