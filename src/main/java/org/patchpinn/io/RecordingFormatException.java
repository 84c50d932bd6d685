package org.patchpinn.io;

import java.nio.file.Path;
import org.patchpinn.PatchPinnException;

/** A file that cannot be read as a recording; the message names the file and the reason. */
public class RecordingFormatException extends PatchPinnException {
    private final transient Path file;

    public RecordingFormatException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public RecordingFormatException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
