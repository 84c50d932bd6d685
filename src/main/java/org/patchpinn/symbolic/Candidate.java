package org.patchpinn.symbolic;

/**
 * A law with fitted constants and how well it fits: {@code loss} is the objective's mean squared weighted
 * residual, {@code complexity} the number of tree nodes.
 */
public record Candidate(Node law, String key, double loss, int complexity) {

    public static Candidate of(Node law, double loss) {
        return new Candidate(law, law.structureKey(), loss, law.size());
    }

    /** Selection score inside a population: log-loss plus a price per node (smaller is better). */
    public double score(double parsimony) {
        return Math.log(loss + 1e-15) + parsimony * complexity;
    }

    public boolean valid() {
        return Double.isFinite(loss);
    }
}
