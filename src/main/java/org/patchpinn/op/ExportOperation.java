package org.patchpinn.op;

import java.util.List;
import org.patchpinn.io.SweepCsvExporter;
import org.patchpinn.report.Json;
import org.patchpinn.report.RecordingSummary;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/** Export Recording: recording.json plus one CSV per sweep (time in ms, channels, command; units in headers). */
public final class ExportOperation extends BasicOperation {
    public ExportOperation() {
        super("export", "Export Recording",
                "Writes recording.json (the summary of 'info') and sweep_<k>.csv for every sweep k: time (ms), "
                + "one column per channel and one for the command waveform, units in the headers.");
    }

    @Override public List<ParamSpec> params() {
        return RecordingParams.withFile("recording file", ParamSpec.outDir(true));
    }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        Recording r = RecordingParams.open(values, "file", progress);
        OperationResult result = new OperationResult(null, r.name() + ": exported " + r.sweepCount() + " sweeps");
        result.textFile("recording.json", Json.toJson(RecordingSummary.json(r)) + "\n");
        for (int k = 0; k < r.sweepCount(); k++) {
            int sweep = k;
            result.streamedFile("sweep_" + k + ".csv", out -> {
                progress.checkCancelled();
                progress.status("writing sweep " + sweep);
                progress.fraction(sweep / (double) r.sweepCount());
                SweepCsvExporter.write(r, sweep, out);
            });
        }
        return result;
    }
}
