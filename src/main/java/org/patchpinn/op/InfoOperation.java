package org.patchpinn.op;

import java.util.List;
import java.util.stream.IntStream;
import org.patchpinn.io.Recordings;
import org.patchpinn.report.RecordingChart;
import org.patchpinn.report.RecordingSummary;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/** Open Recording: reads a file, summarises it (JSON and table) and plots its traces with their stimulus. */
public final class InfoOperation extends BasicOperation {
    public InfoOperation() {
        super("info", "Open Recording",
                "Reads an ABF1/ABF2, ATF, CSV/TSV or NWB recording and prints its summary as JSON (format, "
                + "version, sampleRateHz, sweepCount, channels, sweepLengthS, protocol, tags, startTime, "
                + "stimulusUnit). With --out, also writes recording.json, recording.csv and traces.png.");
    }

    @Override public List<ParamSpec> params() {
        return List.of(ParamSpec.file("file", "recording file (.abf, .atf, .csv, .tsv, .nwb)"),
                ParamSpec.outDir(false));
    }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        progress.status("reading " + values.path("file").getFileName());
        Recording r = Recordings.open(values.path("file"), progress);
        OperationResult result = new OperationResult(RecordingSummary.json(r),
                r.name() + ": " + r.sweepCount() + " sweeps, " + r.channelCount() + " channels");
        result.table(RecordingSummary.table(r), "recording.csv");
        if (r.sweepCount() > 0 && r.channelCount() > 0) {
            List<Integer> sweeps = IntStream.range(0, r.sweepCount()).boxed().limit(20).toList();
            result.chart(RecordingChart.of(r, 0, sweeps), "traces.png");
        }
        return result;
    }
}
