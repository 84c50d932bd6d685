package org.patchpinn.io;

import java.nio.file.Path;
import java.util.List;
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

    /**
     * Reads one series of a file that holds several (see {@link #series}); {@code series} "" reads the
     * default one. Formats with a single recording per file accept only "".
     */
    default Recording read(Path file, String series, Progress progress) {
        if (series != null && !series.isBlank()) {
            throw new RecordingFormatException(file, "a " + format() + " file holds one recording; there is no "
                    + "series '" + series + "' to choose");
        }
        return read(file, progress);
    }

    /** The series of a file that holds several; empty for formats with one recording per file. */
    default List<SeriesEntry> series(Path file) {
        return List.of();
    }
}
