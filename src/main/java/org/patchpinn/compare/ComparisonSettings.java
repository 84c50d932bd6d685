package org.patchpinn.compare;

/**
 * What a comparison does: the condition column, threads (≤ 0: all cores), bootstrap and permutation counts,
 * the family-wise significance level of "changes", the random seed (results are reproducible) and the
 * subthreshold window settings, and the extra conductance's reversal when it is known (NaN: fitted).
 */
public record ComparisonSettings(String conditionColumn, int threads, int bootstrap, int permutations,
                                 double alpha, long seed, SubthresholdSettings subthreshold, double fixedExMv) {
    public ComparisonSettings(String conditionColumn, int threads, int bootstrap, int permutations, double alpha,
                              long seed, SubthresholdSettings subthreshold) {
        this(conditionColumn, threads, bootstrap, permutations, alpha, seed, subthreshold, Double.NaN);
    }
}
