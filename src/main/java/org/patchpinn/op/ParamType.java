package org.patchpinn.op;

/** Kinds of parameter every host knows how to ask for. */
public enum ParamType {
    /** An existing input file. */
    FILE,
    /** A folder (output folders are created if absent). */
    DIR,
    STRING,
    INT,
    DOUBLE,
    BOOLEAN,
    /** One of {@link ParamSpec#choices()}. */
    CHOICE
}
