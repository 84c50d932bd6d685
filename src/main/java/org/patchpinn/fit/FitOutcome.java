package org.patchpinn.fit;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.report.Table;

/**
 * What a {@link FitMethod} returns: the fitted model (simulated afterwards on every sweep for validation,
 * the same way for all methods), the parameter estimates, and method-specific diagnostics, tables
 * (e.g. a loss history) and charts that the report adds as they are.
 */
public final class FitOutcome {
    private final ModelSpec fitted;
    private final List<ParameterEstimate> estimates;
    private final JsonObject diagnostics;
    private final List<Table> tables = new ArrayList<>();
    private final Map<String, JFreeChart> charts = new LinkedHashMap<>();

    public FitOutcome(ModelSpec fitted, List<ParameterEstimate> estimates, JsonObject diagnostics) {
        this.fitted = fitted;
        this.estimates = List.copyOf(estimates);
        this.diagnostics = diagnostics;
    }

    public ModelSpec fitted() {
        return fitted;
    }

    public List<ParameterEstimate> estimates() {
        return estimates;
    }

    public ParameterEstimate estimate(String name) {
        return estimates.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no estimate for " + name));
    }

    /** result.json's "diagnostics" object. */
    public JsonObject diagnostics() {
        return diagnostics;
    }

    /** Extra tables, written as CSV named after the table ("PatchPINN Fit Loss" → fit_loss.csv). */
    public FitOutcome table(Table t) {
        tables.add(t);
        return this;
    }

    /** Extra charts by file name (e.g. "learned_gate.png"). */
    public FitOutcome chart(String fileName, JFreeChart c) {
        charts.put(fileName, c);
        return this;
    }

    public List<Table> tables() {
        return tables;
    }

    public Map<String, JFreeChart> charts() {
        return charts;
    }
}
