package org.patchpinn.features;

import org.patchpinn.PatchPinnException;

/** Current-clamp features were asked of a recording that is not a current-clamp recording. */
public class NotCurrentClampException extends PatchPinnException {
    public NotCurrentClampException(String message) {
        super(message);
    }
}
