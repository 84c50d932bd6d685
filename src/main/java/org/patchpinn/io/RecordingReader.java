package org.patchpinn.io;

import java.nio.file.Path;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * Reads one file format. Implementations never return a partial recording: a truncated or inconsistent
 * file raises {@link RecordingFormatException} naming the file and the reason.
 */
public interface RecordingReader {
    /** Short format name, e.g. "ABF". */
    String format();

    /**
     * True if this reader recognises the file, judged from its name and its first bytes
     * ({@code head} holds up to 512 bytes, fewer for short files).
     */
    boolean accepts(Path file, byte[] head);

    Recording read(Path file, Progress progress);
}
