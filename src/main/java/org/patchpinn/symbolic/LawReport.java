package org.patchpinn.symbolic;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;
import org.patchpinn.report.Json;
import org.patchpinn.report.Table;

/**
 * A search result as plain data: the JSON of every law (expression, sympy, java, latex, complexity, loss,
 * r2, max_rel_error, rmse) and the table "PatchPINN Symbolic Regression" of the Pareto front.
 */
public final class LawReport {
    public static final String TABLE_NAME = "PatchPINN Symbolic Regression";

    private LawReport() {
    }

    /** The JSON description of one law, measured on the full data. */
    public static JsonObject law(Candidate c, Objective objective) {
        Dataset d = objective.data();
        double[] f = new CompiledExpression(c.law()).evaluate(d.x());
        JsonObject o = new JsonObject();
        o.addProperty("expression", ExpressionFormat.format(c.law(), ExpressionFormat.Style.EXPRESSION, d.variables()));
        o.addProperty("sympy", ExpressionFormat.format(c.law(), ExpressionFormat.Style.SYMPY, d.variables()));
        o.addProperty("java", ExpressionFormat.format(c.law(), ExpressionFormat.Style.JAVA, d.variables()));
        o.addProperty("latex", ExpressionFormat.format(c.law(), ExpressionFormat.Style.LATEX, d.variables()));
        o.addProperty("complexity", c.complexity());
        o.add("loss", Json.number(objective.loss(f)));
        o.add("r2", Json.number(objective.r2(f)));
        o.add("max_rel_error", Json.number(objective.maxRelativeError(f)));
        o.add("rmse", Json.number(rmse(f, d.y())));
        return o;
    }

    public static JsonObject json(SearchResult r) {
        Dataset d = r.data();
        JsonObject o = new JsonObject();
        o.addProperty("file", d.source());
        JsonArray inputs = new JsonArray();
        for (int v = 0; v < d.variableCount(); v++) {
            JsonObject in = new JsonObject();
            in.addProperty("name", d.variables().get(v));
            in.addProperty("unit", d.units().get(v));
            in.add("min", Json.number(d.min(v)));
            in.add("max", Json.number(d.max(v)));
            inputs.add(in);
        }
        o.add("inputs", inputs);
        o.addProperty("output", d.target());
        o.addProperty("output_unit", d.targetUnit());
        o.addProperty("rows", d.size());
        o.addProperty("weighting", r.objective().weighting().name().toLowerCase(Locale.ROOT));
        o.addProperty("selection", r.choice().rule());
        o.add("noise_loss", Json.number(r.choice().noiseLoss()));
        o.add("selection_threshold", Json.number(r.choice().threshold()));
        o.add("best", law(r.best(), r.objective()));
        JsonArray pareto = new JsonArray();
        for (Candidate c : r.front()) {
            pareto.add(law(c, r.objective()));
        }
        o.add("pareto", pareto);
        JsonObject run = new JsonObject();
        run.addProperty("generations", r.generations());
        run.addProperty("evaluations", r.evaluations());
        run.addProperty("stopped_by", r.stoppedBy());
        run.add("wall_s", Json.number(r.wallS()));
        run.add("cpu_s", Json.number(r.cpuS()));
        o.add("run", run);
        return o;
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

    static double rmse(double[] f, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (f[i] - y[i]) * (f[i] - y[i]);
        }
        return Math.sqrt(s / y.length);
    }
}
