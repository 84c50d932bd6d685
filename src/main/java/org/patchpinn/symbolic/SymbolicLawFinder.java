package org.patchpinn.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.patchpinn.task.Progress;

/**
 * The symbolic-regression engine behind the condition comparison's {@link LawFinder} interface: a law
 * y = f(x…) of a parameter across conditions. Returns nothing for fewer than {@link TableReader#MIN_ROWS}
 * observations or a constant y, where a search would only fit noise (the comparison's few fixed forms suit
 * a handful of conditions better).
 */
public final class SymbolicLawFinder implements LawFinder {
    private final SearchSettings settings;

    public SymbolicLawFinder(SearchSettings settings) {
        this.settings = settings;
    }

    /** Default search, seed 1. */
    public SymbolicLawFinder() {
        this(SearchSettings.defaults(1));
    }

    @Override
    public Optional<Law> find(String target, List<String> variables, double[][] x, double[] y) {
        if (y.length < TableReader.MIN_ROWS || variables.isEmpty()) {
            return Optional.empty();
        }
        boolean constant = true;
        for (double v : y) {
            constant &= v == y[0];
            if (!Double.isFinite(v)) {
                return Optional.empty();
            }
        }
        if (constant) {
            return Optional.empty();
        }
        Dataset data = conditionData(x, y, variables, target);
        SearchResult r = SymbolicSearch.run(data, settings, Progress.NONE);
        return Optional.of(law(target, data, r.best().law(), r.objective(),
                "symbolic regression (" + r.choice().rule() + ")"));
    }

    /**
     * A law found on {@link #conditionData} as the comparison takes it: its plain and SymPy text, r² on the data,
     * how it was found, and the law evaluated at one point (condition[, V]).
     */
    static Law law(String target, Dataset data, Node law, Objective objective, String method) {
        List<String> names = data.variables();
        int k = names.size();
        CompiledExpression compiled = new CompiledExpression(law);
        double r2 = objective.r2(compiled.evaluate(data.x()));
        return new Law(target, names, ExpressionFormat.format(law, ExpressionFormat.Style.EXPRESSION, names),
                ExpressionFormat.format(law, ExpressionFormat.Style.SYMPY, names), r2, method, point -> {
                    double[][] at = new double[k][1];
                    for (int v = 0; v < k; v++) {
                        at[v][0] = point[v];
                    }
                    return compiled.evaluate(at)[0];
                });
    }

    /** Rows of (condition[, V]) → y as the symbolic search's data set: one column per variable, names as identifiers. */
    static Dataset conditionData(double[][] x, double[] y, List<String> variables, String target) {
        int k = variables.size();
        double[][] columns = new double[k][y.length];
        for (int i = 0; i < y.length; i++) {
            for (int v = 0; v < k; v++) {
                columns[v][i] = x[i][v];
            }
        }
        List<String> names = new ArrayList<>();
        for (String name : variables) {
            names.add(TableReader.identifier(name, names.size()));
        }
        return new Dataset(columns, y.clone(), names, TableReader.bareName(target), "condition comparison");
    }
}
