package org.patchpinn.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Map;
import org.patchpinn.symbolic.Candidate;
import org.patchpinn.symbolic.CompiledExpression;
import org.patchpinn.symbolic.Dataset;
import org.patchpinn.symbolic.ExpressionFormat;
import org.patchpinn.symbolic.LawReport;
import org.patchpinn.symbolic.Objective;
import org.patchpinn.symbolic.SearchResult;

/**
 * result.json of Symbolic Regression: the data's inputs and output, how the law was chosen, the best law and
 * the Pareto front (each as expression, sympy, java, latex, complexity, loss, r2, max_rel_error, rmse), and the
 * run. Law Into Model reads INPUTS' NAME and BEST's SYMPY back ({@link org.patchpinn.symbolic.FoundLaw}).
 */
public final class SymbolicResultJson {
    public static final String INPUTS = "inputs";
    /** An input's (and a law's variable's) name, in INPUTS. */
    public static final String NAME = "name";
    public static final String BEST = "best";
    /** A law's expression in plain text, in BEST and "pareto". */
    public static final String EXPRESSION = "expression";
    /** A law as SymPy parses it, in BEST and "pareto". */
    public static final String SYMPY = "sympy";
    public static final String R2 = "r2";

    private SymbolicResultJson() {
    }

    public static JsonObject of(SearchResult r, Map<String, String> params) {
        Dataset d = r.data();
        JsonObject o = new JsonObject();
        o.addProperty("file", d.source());
        JsonArray inputs = new JsonArray();
        for (int v = 0; v < d.variableCount(); v++) {
            JsonObject in = new JsonObject();
            in.addProperty(NAME, d.variables().get(v));
            in.addProperty("unit", d.units().get(v));
            in.add("min", Json.number(d.min(v)));
            in.add("max", Json.number(d.max(v)));
            inputs.add(in);
        }
        o.add(INPUTS, inputs);
        o.addProperty("output", d.target());
        o.addProperty("output_unit", d.targetUnit());
        o.addProperty("rows", d.size());
        o.addProperty("weighting", r.objective().weighting().name().toLowerCase(Locale.ROOT));
        o.addProperty("selection", r.choice().rule());
        o.add("noise_loss", Json.number(r.choice().noiseLoss()));
        o.add("selection_threshold", Json.number(r.choice().threshold()));
        o.add(BEST, law(r.best(), r.objective()));
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
        o.add("params", Json.toTree(params));
        return o;
    }

    /** One law, measured on the full data. */
    private static JsonObject law(Candidate c, Objective objective) {
        Dataset d = objective.data();
        double[] f = new CompiledExpression(c.law()).evaluate(d.x());
        JsonObject o = new JsonObject();
        o.addProperty(EXPRESSION, ExpressionFormat.format(c.law(), ExpressionFormat.Style.EXPRESSION, d.variables()));
        o.addProperty(SYMPY, ExpressionFormat.format(c.law(), ExpressionFormat.Style.SYMPY, d.variables()));
        o.addProperty("java", ExpressionFormat.format(c.law(), ExpressionFormat.Style.JAVA, d.variables()));
        o.addProperty("latex", ExpressionFormat.format(c.law(), ExpressionFormat.Style.LATEX, d.variables()));
        o.addProperty("complexity", c.complexity());
        o.add("loss", Json.number(objective.loss(f)));
        o.add(R2, Json.number(objective.r2(f)));
        o.add("max_rel_error", Json.number(objective.maxRelativeError(f)));
        o.add("rmse", Json.number(LawReport.rmse(f, d.y())));
        return o;
    }
}
