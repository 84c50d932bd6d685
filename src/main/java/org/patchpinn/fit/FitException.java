package org.patchpinn.fit;

import org.patchpinn.PatchPinnException;

/** A fit that cannot run as asked (wrong kind of recording, bad sweep list, unknown method). */
public class FitException extends PatchPinnException {
    public FitException(String message) {
        super(message);
    }

    public FitException(String message, Throwable cause) {
        super(message, cause);
    }
}
