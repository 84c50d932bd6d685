package org.patchpinn.symbolic;

import java.util.List;
import java.util.Optional;

/**
 * Finds a closed-form law y = f(x1, …) from a table: {@link FormLawFinder} (the search's building-block shapes,
 * each fitted) or {@link SymbolicLawFinder} (the symbolic-regression engine).
 */
public interface LawFinder {
    /**
     * @param target    name of y, with its unit, e.g. "gX (nS)"
     * @param variables names of the x columns as they should appear in the expression, e.g. ["G"]
     * @param x         one row per observation, one column per variable
     * @param y         the observed values
     * @return the law, or empty when none fits (too few points, no form converged)
     */
    Optional<Law> find(String target, List<String> variables, double[][] x, double[] y);
}
