package org.patchpinn.op;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.patchpinn.report.Charts;
import org.patchpinn.report.Json;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.report.Table;

/**
 * What an operation produced, before any host decides how to show it: result.json, tables (CSV files and
 * ResultsTables), charts (PNG files and windows) and other text files (e.g. a model file).
 */
public final class OperationResult {
    /** A table and the CSV file it is saved as. */
    public record TableOutput(Table table, String fileName, boolean show) { }

    /** A chart and the PNG it is saved as. */
    public record ChartOutput(JFreeChart chart, String fileName, int width, int height, boolean show) { }

    private final JsonObject json;
    private final String summary;
    private final List<TableOutput> tables = new ArrayList<>();
    private final List<ChartOutput> charts = new ArrayList<>();
    private final Map<String, String> textFiles = new LinkedHashMap<>();
    private final Map<String, OutputFolder.Body> streamedFiles = new LinkedHashMap<>();

    public OperationResult(JsonObject json, String summary) {
        this.json = json;
        this.summary = summary;
    }

    /** A table written as {@code fileName} and shown in Fiji. */
    public OperationResult table(Table table, String fileName) {
        tables.add(new TableOutput(table, fileName, true));
        return this;
    }

    /** A table only written to a file (e.g. per-sweep sample data, too large to show). */
    public OperationResult fileTable(Table table, String fileName) {
        tables.add(new TableOutput(table, fileName, false));
        return this;
    }

    /**
     * A chart written as {@code fileName} and opened as a window in Fiji: the one way an operation attaches a
     * chart (build it with {@link Charts}, which also sets the PNG size).
     */
    public OperationResult chart(JFreeChart chart, String fileName) {
        charts.add(new ChartOutput(chart, fileName, Charts.WIDTH, Charts.HEIGHT, true));
        return this;
    }

    /** A chart only written to a file (e.g. one per sweep: a window each would flood the screen). */
    public OperationResult fileChart(JFreeChart chart, String fileName) {
        charts.add(new ChartOutput(chart, fileName, Charts.WIDTH, Charts.HEIGHT, false));
        return this;
    }

    public OperationResult textFile(String fileName, String content) {
        textFiles.put(fileName, content);
        return this;
    }

    /** A file too large to hold as text, written by streaming (e.g. exported sweeps). */
    public OperationResult streamedFile(String fileName, OutputFolder.Body body) {
        streamedFiles.put(fileName, body);
        return this;
    }

    /** The machine-readable result (result.json), or null when the operation has none. */
    public JsonObject json() {
        return json;
    }

    /** One line for the user. */
    public String summary() {
        return summary;
    }

    public List<TableOutput> tables() {
        return Collections.unmodifiableList(tables);
    }

    public List<ChartOutput> charts() {
        return Collections.unmodifiableList(charts);
    }

    /**
     * Writes every output into {@code folder}: all files or none (an error or a cancellation while writing
     * leaves nothing partial behind).
     */
    public void writeTo(OutputFolder folder) {
        folder.writeAll(files());
    }

    /**
     * Writes every output of a run of {@code verb} into {@code folder}, all or none, never over one of its
     * {@code inputs}, replacing what the previous run of that verb wrote there (see
     * {@link OutputFolder#writeRun}).
     */
    public void writeRun(OutputFolder folder, String verb, Collection<Path> inputs) {
        folder.writeRun(verb, files(), inputs);
    }

    private Map<String, OutputFolder.Body> files() {
        Map<String, OutputFolder.Body> files = new LinkedHashMap<>();
        if (json != null) {
            files.put("result.json", OutputFolder.text(Json.toJson(json) + "\n"));
        }
        for (TableOutput t : tables) {
            files.put(t.fileName(), OutputFolder.csv(t.table()));
        }
        for (ChartOutput c : charts) {
            files.put(c.fileName(), OutputFolder.png(c.chart(), c.width(), c.height()));
        }
        textFiles.forEach((name, text) -> files.put(name, OutputFolder.text(text)));
        files.putAll(streamedFiles);
        return files;
    }
}
