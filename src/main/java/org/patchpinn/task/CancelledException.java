package org.patchpinn.task;

import org.patchpinn.PatchPinnException;

/** Thrown from deep inside long work when the user cancelled; hosts report it and write nothing. */
public class CancelledException extends PatchPinnException {
    public CancelledException() {
        super("cancelled by the user");
    }
}
