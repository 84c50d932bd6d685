package org.patchpinn.fit;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    private final List<OutcomeTable> tables = new ArrayList<>();
    private final Map<String, JFreeChart> charts = new LinkedHashMap<>();
    private final Map<String, ModelSpec> alternatives = new LinkedHashMap<>();

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

    /** The same outcome with other estimates (diagnostics, tables and charts kept). */
    public FitOutcome withEstimates(List<ParameterEstimate> other) {
        FitOutcome o = new FitOutcome(fitted, other, diagnostics);
        o.tables.addAll(tables);
        o.charts.putAll(charts);
        o.alternatives.putAll(alternatives);
        return o;
    }

    /**
     * A model the method considered but did not choose (e.g. each number of new states), by name: validated on
     * the test sweeps after the fit, for the report only — the choice was made on the selection sweeps.
     */
    public FitOutcome alternative(String name, ModelSpec model) {
        alternatives.put(name, model);
        return this;
    }

    public Map<String, ModelSpec> alternatives() {
        return alternatives;
    }

    public ParameterEstimate estimate(String name) {
        return estimates.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no estimate for " + name));
    }

    /** result.json's "diagnostics" object. */
    public JsonObject diagnostics() {
        return diagnostics;
    }

    /** An extra table, the CSV file it is written to and whether hosts show it (Fiji: a ResultsTable). */
    public record OutcomeTable(Table table, String fileName, boolean show) { }

    /** Extra tables, written as CSV named after the table ("PatchPINN Fit Loss" → fit_loss.csv), not shown. */
    public FitOutcome table(Table t) {
        return table(t, fileName(t.name()), false);
    }

    /** An extra table written to {@code fileName}; {@code show}: also shown by the host. */
    public FitOutcome table(Table t, String fileName, boolean show) {
        tables.add(new OutcomeTable(t, fileName, show));
        return this;
    }

    /** "PatchPINN Fit Loss" → "fit_loss.csv". */
    public static String fileName(String tableName) {
        String n = tableName.replaceFirst("^PatchPINN ", "").trim().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_");
        return n + ".csv";
    }

    /** Extra charts by file name (e.g. "learned_gate.png"). */
    public FitOutcome chart(String fileName, JFreeChart c) {
        charts.put(fileName, c);
        return this;
    }

    public List<Table> tables() {
        return tables.stream().map(OutcomeTable::table).toList();
    }

    public List<OutcomeTable> tableOutputs() {
        return tables;
    }

    public Map<String, JFreeChart> charts() {
        return charts;
    }
}
