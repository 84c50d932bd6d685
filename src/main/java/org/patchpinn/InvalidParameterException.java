package org.patchpinn;

/** A parameter value that is impossible or out of range; the message names the parameter. */
public class InvalidParameterException extends PatchPinnException {
    public InvalidParameterException(String parameter, String reason) {
        super("parameter '" + parameter + "': " + reason);
    }
}
