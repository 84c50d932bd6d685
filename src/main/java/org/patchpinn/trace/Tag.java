package org.patchpinn.trace;

/** A comment the experimenter attached to a time of the recording (seconds from its start). */
public record Tag(double timeS, String comment) {
}
