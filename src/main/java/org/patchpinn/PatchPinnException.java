package org.patchpinn;

/** Base of every error PatchPINN reports to a user: the message is meant to be shown as is. */
public class PatchPinnException extends RuntimeException {
    public PatchPinnException(String message) {
        super(message);
    }

    public PatchPinnException(String message, Throwable cause) {
        super(message, cause);
    }
}
