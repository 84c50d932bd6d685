package org.patchpinn.compare;

import java.util.List;

/**
 * A parsed manifest: the recordings to compare, the covariate columns, and warnings about the whole table (e.g. a
 * condition with a single recording).
 */
public record Manifest(List<ManifestEntry> entries, List<String> covariateColumns,
                       List<String> warnings) {
    public Manifest {
        entries = List.copyOf(entries);
        covariateColumns = List.copyOf(covariateColumns);
        warnings = List.copyOf(warnings);
    }

    public List<ManifestEntry> usable() {
        return entries.stream().filter(ManifestEntry::usable).toList();
    }
}
