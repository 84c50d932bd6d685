package org.patchpinn.pinn;

import java.nio.file.Path;
import java.util.Locale;
import org.patchpinn.io.RecordingFormatException;
import org.patchpinn.io.Recordings;
import org.patchpinn.trace.Recording;

/**
 * Opens a recording with the project's readers; while no ATF reader is registered there, ATF files fall
 * back to {@link MiniAtfReader} (to be removed once {@code io} reads ATF).
 */
public final class PinnRecordings {
    private PinnRecordings() {
    }

    public static Recording open(Path file) {
        try {
            return Recordings.open(file);
        } catch (RecordingFormatException e) {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".atf")
                    && e.getMessage().contains("unrecognised format")) {
                return MiniAtfReader.read(file);
            }
            throw e;
        }
    }
}
