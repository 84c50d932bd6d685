package org.patchpinn.op;

import java.util.ArrayList;
import java.util.List;
import org.patchpinn.io.Recordings;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/** The {@code file} and {@code series} parameters of a verb that reads a recording, and opening the file with them. */
final class RecordingParams {
    static final String SERIES = "series";

    private RecordingParams() {
    }

    /** The file name endings the readers take (io.Recordings), as the help texts list them. */
    static final String EXTENSIONS = "(.abf, .dat, .wcp, .atf, .csv, .tsv, .nwb)";

    /**
     * The parameters {@code file} (a recording; {@code what} says which, e.g. "current-clamp recording") and
     * {@code series}, then {@code more}.
     */
    static List<ParamSpec> withFile(String what, ParamSpec... more) {
        List<ParamSpec> out = new ArrayList<>(List.of(ParamSpec.file("file", what + " " + EXTENSIONS), series()));
        out.addAll(List.of(more));
        return List.copyOf(out);
    }

    static ParamSpec series() {
        return ParamSpec.string(SERIES, "", "series of a HEKA PatchMaster bundle: group.series (e.g. 1.2), its "
                + "number in the file or its label (empty: the first series with a recognised protocol); of an NWB "
                + "file holding several stimulus sets: its number or stimulus description, or several comma-separated "
                + "(empty: the current-clamp step set with the most sweeps and every step set of its length and rate); "
                + "'info' lists them");
    }

    /** Opens the file of parameter {@code fileKey}, choosing the series given by {@code --series}. */
    static Recording open(ParamValues values, String fileKey, Progress progress) {
        return Recordings.open(values.path(fileKey), values.string(SERIES), progress);
    }
}
