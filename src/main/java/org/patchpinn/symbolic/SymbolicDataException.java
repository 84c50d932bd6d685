package org.patchpinn.symbolic;

import org.patchpinn.PatchPinnException;

/** A table that cannot be used for symbolic regression; the message names the file, column and reason. */
public class SymbolicDataException extends PatchPinnException {
    public SymbolicDataException(String message) {
        super(message);
    }
}
