package org.patchpinn.symbolic;

/**
 * What a symbolic-regression run may do. The result depends only on these values and the data: the
 * generation budget and the island scheme are deterministic, and {@code maxTimeS} is a safety cap that,
 * when it ends a run early, is reported (the result then depends on the machine's speed).
 *
 * @param seed            seed of every random choice
 * @param populations     number of islands (evolved in parallel, exchanging laws every epoch)
 * @param populationSize  laws per island
 * @param generations     most generations per island
 * @param maxComplexity   most nodes in a law
 * @param threads         worker threads (≤ 0: all processors)
 * @param maxTimeS        wall-clock cap in seconds
 * @param weighting       how residuals are weighted; null: chosen from the data
 * @param templates       whether HH rate-law shapes are offered as building blocks
 */
public record SearchSettings(long seed, int populations, int populationSize, int generations, int maxComplexity,
                             int threads, double maxTimeS, Objective.Weighting weighting, boolean templates) {

    public SearchSettings {
        if (populations < 1 || populationSize < 4 || generations < 1 || maxComplexity < 3 || !(maxTimeS > 0)) {
            throw new IllegalArgumentException("search settings out of range: " + populations + " populations of "
                    + populationSize + ", " + generations + " generations, complexity " + maxComplexity + ", "
                    + maxTimeS + " s");
        }
    }

    /** Generations between migrations. */
    public static final int EPOCH = 10;
    /** Epochs without a change of the chosen law (or a 2 % gain) before a run stops. */
    public static final int PATIENCE = 8;

    public static SearchSettings defaults(long seed) {
        return new SearchSettings(seed, 4, 100, 400, 25, 0, 60, null, true);
    }

    public SearchSettings withThreads(int t) {
        return new SearchSettings(seed, populations, populationSize, generations, maxComplexity, t, maxTimeS,
                weighting, templates);
    }
}
