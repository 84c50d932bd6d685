package org.patchpinn.op;

import org.patchpinn.io.Recordings;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/** The {@code series} parameter that goes with a recording file, and opening the file with it. */
final class RecordingParams {
    static final String SERIES = "series";

    private RecordingParams() {
    }

    static ParamSpec series() {
        return ParamSpec.string(SERIES, "", "series of a HEKA PatchMaster bundle: group.series (e.g. 1.2), its "
                + "number in the file or its label (empty: the first series with a recognised protocol)");
    }

    /** Opens the file of parameter {@code fileKey}, choosing the series given by {@code --series}. */
    static Recording open(ParamValues values, String fileKey, Progress progress) {
        return Recordings.open(values.path(fileKey), values.string(SERIES), progress);
    }
}
