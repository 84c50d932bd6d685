package org.patchpinn.compare;

/**
 * What a comparison does: the condition column, threads (≤ 0: all cores), bootstrap and permutation counts,
 * the family-wise significance level of "changes", the random seed (results are reproducible) and the
 * subthreshold window settings.
 */
public record ComparisonSettings(String conditionColumn, int threads, int bootstrap, int permutations,
                                 double alpha, long seed, SubthresholdSettings subthreshold) {
    public static ComparisonSettings defaults(String conditionColumn) {
        return new ComparisonSettings(conditionColumn, 0, 1000, 10000, 0.05, 1, SubthresholdSettings.DEFAULT);
    }
}
