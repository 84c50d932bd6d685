package org.patchpinn.op;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.patchpinn.task.Progress;

/**
 * {@code fit FILE --model traub-rs-m} with nothing else chosen (confidence intervals off), as #12 judges real cells:
 * its result.json, its #12 figures and its wall time (the file read and the report included). Shared by the
 * benchmarks that fit real cells.
 */
record DefaultCellFit(JsonObject json, FitCellFigures figures, double wallS) {
    static DefaultCellFit of(Path file) {
        FitOperation op = new FitOperation();
        long t0 = System.nanoTime();
        OperationResult r = op.run(ParamValues.of(op.params(), "file", file.toString(), "model", "traub-rs-m",
                "ci", "false"), Progress.NONE);
        double wall = (System.nanoTime() - t0) / 1e9;
        return new DefaultCellFit(r.json(), FitCellFigures.of(r.json()), wall);
    }

    JsonObject validation() {
        return json.getAsJsonObject("validation");
    }
}
