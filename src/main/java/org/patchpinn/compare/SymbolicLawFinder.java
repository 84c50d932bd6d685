package org.patchpinn.compare;

import java.util.List;
import java.util.Optional;
import org.patchpinn.symbolic.CompiledExpression;
import org.patchpinn.symbolic.Dataset;
import org.patchpinn.symbolic.ExpressionFormat;
import org.patchpinn.symbolic.Node;
import org.patchpinn.symbolic.SearchResult;
import org.patchpinn.symbolic.SearchSettings;
import org.patchpinn.symbolic.SymbolicSearch;
import org.patchpinn.task.Progress;

/**
 * Laws by the project's symbolic regression (org.patchpinn.symbolic): an island search over expression trees
 * with HH and Hill building blocks, the law chosen on its accuracy–complexity front. Each search is capped
 * in time so a comparison with several changing quantities stays within minutes.
 */
public final class SymbolicLawFinder implements LawFinder {
    private final long seed;
    private final int threads;
    private final double maxSeconds;

    public SymbolicLawFinder(long seed, int threads, double maxSeconds) {
        this.seed = seed;
        this.threads = threads;
        this.maxSeconds = maxSeconds;
    }

    @Override
    public Optional<Law> find(String target, List<String> variables, double[][] x, double[] y) {
        if (y.length < 8) {
            return Optional.empty(); // the engine needs a few rows more than its constants
        }
        double[][] columns = new double[variables.size()][y.length];
        for (int i = 0; i < y.length; i++) {
            for (int v = 0; v < variables.size(); v++) {
                columns[v][i] = x[i][v];
            }
        }
        Dataset data = new Dataset(columns, y, variables, target, "compare");
        SearchSettings d = SearchSettings.defaults(seed);
        SearchSettings s = new SearchSettings(seed, d.populations(), d.populationSize(), d.generations(),
                d.maxComplexity(), threads, maxSeconds, null, true);
        SearchResult r = SymbolicSearch.run(data, s, Progress.NONE);
        Node law = r.choice().law().law();
        CompiledExpression f = new CompiledExpression(law);
        double[] fit = f.evaluate(columns);
        return Optional.of(new Law(target, variables,
                ExpressionFormat.format(law, ExpressionFormat.Style.EXPRESSION, variables),
                ExpressionFormat.format(law, ExpressionFormat.Style.SYMPY, variables),
                ConductanceDecomposition.r2(y, fit), "symbolic regression", row -> {
                    double[][] one = new double[row.length][1];
                    for (int v = 0; v < row.length; v++) {
                        one[v][0] = row[v];
                    }
                    return f.evaluate(one)[0];
                }));
    }
}
