package org.patchpinn.symbolic;

import org.patchpinn.report.Table;

/**
 * A search result's tables: "PatchPINN Symbolic Regression" of the Pareto front and the data with the chosen
 * law; its result.json is {@link org.patchpinn.report.SymbolicResultJson}'s.
 */
public final class LawReport {
    public static final String TABLE_NAME = "PatchPINN Symbolic Regression";

    private LawReport() {
    }

    /** The Pareto front, one row per law, the chosen one marked. */
    public static Table table(SearchResult r) {
        Table t = new Table(TABLE_NAME);
        String unit = r.data().targetUnit().isEmpty() ? "" : " (" + r.data().targetUnit() + ")";
        for (Candidate c : r.front()) {
            double[] f = new CompiledExpression(c.law()).evaluate(r.data().x());
            t.addRow()
                    .set("complexity", c.complexity())
                    .set("chosen", c == r.best() ? 1 : 0)
                    .set("expression", ExpressionFormat.format(c.law(), ExpressionFormat.Style.EXPRESSION,
                            r.data().variables()))
                    .set("loss", r.objective().loss(f))
                    .set("r2", r.objective().r2(f))
                    .set("max_rel_error", r.objective().maxRelativeError(f))
                    .set("rmse" + unit, rmse(f, r.data().y()))
                    .set("sympy", ExpressionFormat.format(c.law(), ExpressionFormat.Style.SYMPY, r.data().variables()));
        }
        return t;
    }

    /** The data with the chosen law's prediction. */
    public static Table fitTable(SearchResult r) {
        Dataset d = r.data();
        Table t = new Table(TABLE_NAME + " Fit");
        double[] f = new CompiledExpression(r.best().law()).evaluate(d.x());
        String unit = d.targetUnit().isEmpty() ? "" : " (" + d.targetUnit() + ")";
        for (int i = 0; i < d.size(); i++) {
            Table.Row row = t.addRow();
            for (int v = 0; v < d.variableCount(); v++) {
                String u = d.units().get(v);
                row.set(d.variables().get(v) + (u.isEmpty() ? "" : " (" + u + ")"), d.x()[v][i]);
            }
            row.set(d.target() + unit, d.y()[i]);
            row.set("law" + unit, f[i]);
        }
        return t;
    }

    /** Root mean square of f − y. */
    public static double rmse(double[] f, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (f[i] - y[i]) * (f[i] - y[i]);
        }
        return Math.sqrt(s / y.length);
    }
}
