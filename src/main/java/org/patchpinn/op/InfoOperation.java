package org.patchpinn.op;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.stream.IntStream;
import org.patchpinn.io.Recordings;
import org.patchpinn.io.SeriesEntry;
import org.patchpinn.report.Json;
import org.patchpinn.report.RecordingChart;
import org.patchpinn.report.RecordingSummary;
import org.patchpinn.report.Table;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * Open Recording: reads a file, summarises it (JSON and table) and plots its traces with their stimulus. For a
 * file of several series (a HEKA bundle) it also lists every group and series, marking the one it read.
 */
public final class InfoOperation extends BasicOperation {
    public InfoOperation() {
        super("info", "Open Recording",
                "Reads an ABF1/ABF2, HEKA PatchMaster (.dat), WinWCP (.wcp), ATF, CSV/TSV or NWB recording and prints "
                + "its summary as JSON (format, version, sampleRateHz, sweepCount, channels, sweepLengthS, protocol, "
                + "tags, startTime, stimulusUnit). For a HEKA bundle it lists every group and series under 'series' "
                + "(id, group, label, sweeps, traces, mode, protocol, command, selected); --series picks the one to "
                + "read. With --out, also writes recording.json, recording.csv, series.csv (HEKA) and traces.png.");
    }

    @Override public List<ParamSpec> params() {
        return RecordingParams.withFile("recording file", ParamSpec.outDir(false));
    }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        progress.status("reading " + values.path("file").getFileName());
        Recording r = RecordingParams.open(values, "file", progress);
        List<SeriesEntry> series = Recordings.series(values.path("file"));
        JsonObject json = RecordingSummary.json(r);
        String selected = r.metadata().getOrDefault("heka.series", "");
        if (!series.isEmpty()) {
            json.add("series", seriesJson(series, selected));
        }
        OperationResult result = new OperationResult(json, r.name() + ": " + r.sweepCount() + " sweeps, "
                + r.channelCount() + " channels" + (series.isEmpty() ? ""
                : " (series " + selected + " of " + series.size() + ")"));
        result.table(RecordingSummary.table(r), "recording.csv");
        if (!series.isEmpty()) {
            result.table(seriesTable(series, selected), "series.csv");
        }
        if (r.sweepCount() > 0 && r.channelCount() > 0) {
            List<Integer> sweeps = IntStream.range(0, r.sweepCount()).boxed().limit(20).toList();
            result.chart(RecordingChart.of(r, 0, sweeps), "traces.png");
        }
        return result;
    }

    private static boolean isSelected(SeriesEntry s, String selected) {
        return selected.startsWith(s.id() + " ");
    }

    private static JsonArray seriesJson(List<SeriesEntry> series, String selected) {
        JsonArray out = new JsonArray();
        for (SeriesEntry s : series) {
            JsonObject o = Json.toTree(s).getAsJsonObject(); // the record's fields, in order
            o.add("default", o.remove("isDefault"));
            o.addProperty("selected", isSelected(s, selected));
            out.add(o);
        }
        return out;
    }

    private static Table seriesTable(List<SeriesEntry> series, String selected) {
        Table t = new Table("PatchPINN Series");
        for (SeriesEntry s : series) {
            t.addRow().set("series", s.id()).set("group", s.group()).set("label", s.label())
                    .set("sweeps", s.sweeps()).set("traces", String.join("; ", s.traces())).set("mode", s.mode())
                    .set("protocol", s.protocol()).set("command", s.command())
                    .set("selected", isSelected(s, selected) ? "yes" : "");
        }
        return t;
    }
}
