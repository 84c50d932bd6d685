package org.patchpinn.batch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.patchpinn.PatchPinnException;

/**
 * What became of one recording: the job's value, or the error that stopped it (the job threw, or the engine
 * gave up on the task after its retries).
 *
 * @param seconds wall time of the last attempt
 */
public record BatchOutcome<R>(BatchItem item, R value, String error, double seconds) implements Serializable {
    public boolean ok() {
        return error == null;
    }

    public static <R> BatchOutcome<R> of(BatchItem item, R value, double seconds) {
        return new BatchOutcome<>(item, value, null, seconds);
    }

    public static <R> BatchOutcome<R> failed(BatchItem item, String error, double seconds) {
        return new BatchOutcome<>(item, null, error == null || error.isBlank() ? "failed" : error, seconds);
    }

    /** One empty slot per item, filled in item order as outcomes arrive in any order. */
    public static <R> List<BatchOutcome<R>> slots(int items) {
        return new ArrayList<>(Collections.nCopies(items, null));
    }

    /** A job's exception as the one-line reason of a failed row. */
    public static String reason(Throwable t) {
        String m = t.getMessage();
        return t instanceof PatchPinnException || t instanceof IllegalArgumentException
                ? String.valueOf(m) : t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
