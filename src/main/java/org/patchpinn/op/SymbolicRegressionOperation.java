package org.patchpinn.op;

import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.report.SymbolicCharts;
import org.patchpinn.report.SymbolicResultJson;
import org.patchpinn.symbolic.Dataset;
import org.patchpinn.symbolic.LawReport;
import org.patchpinn.symbolic.Objective;
import org.patchpinn.symbolic.SearchResult;
import org.patchpinn.symbolic.SearchSettings;
import org.patchpinn.symbolic.SymbolicSearch;
import org.patchpinn.symbolic.TableReader;
import org.patchpinn.task.Progress;

/** Symbolic Regression: a closed-form law y = f(x…) for columns of a table, e.g. a fit's learned.csv. */
public final class SymbolicRegressionOperation extends BasicOperation {
    public SymbolicRegressionOperation() {
        super("sr", "Symbolic Regression",
                "Finds closed-form laws y = f(x1, x2, ...) for columns of a CSV/TSV table (e.g. z_inf(V) or tau_z(V) "
                + "from a fit's learned.csv) by genetic programming with Levenberg-Marquardt constants and HH "
                + "rate-law building blocks. Writes result.json (best law and Pareto front as expression, sympy, "
                + "java, latex, complexity, r2, max_rel_error), pareto.csv, fit.csv, law.png and pareto.png. "
                + "The same seed gives the same result unless max_time_s ends the run.");
    }

    @Override public List<ParamSpec> params() {
        return List.of(
                ParamSpec.file("file", "table with a header line (.csv, .tsv)"),
                ParamSpec.string("x", "", "input columns, comma-separated (empty: every column except y)"),
                ParamSpec.string("y", "", "output column (empty: the last column)"),
                ParamSpec.integer("seed", 1, 0, Integer.MAX_VALUE, "random seed (same seed, same result)"),
                ParamSpec.number("max_time_s", 60, 1, 86400, "wall-clock cap of the search (s)"),
                ParamSpec.integer("populations", 4, 1, 64, "islands evolved in parallel"),
                ParamSpec.integer("population_size", 100, 10, 10000, "laws per island"),
                ParamSpec.integer("generations", 400, 1, 100000, "most generations per island"),
                ParamSpec.integer("max_complexity", 25, 3, 80, "most nodes in a law"),
                ParamSpec.integer("threads", 0, 0, 256, "worker threads (0: all processors)"),
                ParamSpec.choice("loss", "auto", "residual weighting: relative (1/|y|), absolute, or auto",
                        "auto", "relative", "absolute"),
                ParamSpec.bool("templates", true, "offer HH rate-law shapes (Boltzmann, exponential, linoid, bell, "
                        + "Hill) as building blocks"),
                ParamSpec.outDir(false));
    }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        List<String> x = Arrays.stream(values.string("x").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        progress.status("reading " + values.path("file").getFileName());
        Dataset data = TableReader.read(values.path("file"), x, values.string("y"));
        Objective.Weighting weighting = switch (values.string("loss")) {
            case "relative" -> Objective.Weighting.RELATIVE;
            case "absolute" -> Objective.Weighting.ABSOLUTE;
            default -> null;
        };
        if (weighting == Objective.Weighting.RELATIVE && Arrays.stream(data.y()).anyMatch(v -> v == 0)) {
            throw new InvalidParameterException("loss", "relative weighting needs y without zeros; "
                    + "column '" + data.target() + "' of " + data.source() + " has some");
        }
        SearchSettings settings = new SearchSettings(values.integer("seed"), values.integer("populations"),
                values.integer("population_size"), values.integer("generations"), values.integer("max_complexity"),
                values.integer("threads"), values.number("max_time_s"), weighting, values.bool("templates"));
        SearchResult r = SymbolicSearch.run(data, settings, progress);
        JsonObject json = SymbolicResultJson.of(r, values.asMap());
        JsonObject best = json.getAsJsonObject(SymbolicResultJson.BEST);
        OperationResult result = new OperationResult(json, data.target() + " = "
                + best.get(SymbolicResultJson.EXPRESSION).getAsString()
                + String.format(Locale.ROOT, " (R² %.6f, complexity %d)",
                best.get(SymbolicResultJson.R2).getAsDouble(), r.best().complexity()));
        result.table(LawReport.table(r), "pareto.csv");
        result.fileTable(LawReport.fitTable(r), "fit.csv");
        result.chart(SymbolicCharts.law(r), "law.png");
        result.chart(SymbolicCharts.pareto(r), "pareto.png");
        return result;
    }
}
