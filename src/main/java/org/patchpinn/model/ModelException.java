package org.patchpinn.model;

import org.patchpinn.PatchPinnException;

/** A model that cannot be built: unknown symbol, syntax error, bad unit, value outside its bounds. */
public class ModelException extends PatchPinnException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
