package org.patchpinn.pinn;

import org.patchpinn.PatchPinnException;

/** A recording that cannot be fitted (voltage clamp, no stimulus, NaNs, implausible units); says why. */
public class PinnInputException extends PatchPinnException {
    public PinnInputException(String message) {
        super(message);
    }
}
