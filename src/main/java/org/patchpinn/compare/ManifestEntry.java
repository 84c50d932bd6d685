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
 * @param file      the resolved path
 * @param condition the condition value; NaN when the row has none
 * @param cell      cell identifier; rows without one get a cell of their own
 */
public record ManifestEntry(int row, String name, Path file, double condition, String cell,
                            Map<String, String> covariates, String problem) {
    public ManifestEntry {
        covariates = Map.copyOf(covariates);
    }

    public boolean usable() {
        return problem.isEmpty();
    }

    /** A file-system-safe key for this recording's saved result. */
    public String key() {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
