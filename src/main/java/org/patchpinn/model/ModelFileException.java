package org.patchpinn.model;

/** An error in a model file; the message names the file and the line. */
public class ModelFileException extends ModelException {
    private final int line;

    public ModelFileException(String source, int line, String reason) {
        super(source + " line " + line + ": " + reason);
        this.line = line;
    }

    /** 1-based line of the model text where the problem is. */
    public int line() {
        return line;
    }
}
