package org.patchpinn.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/** Opens a recording file with the reader that recognises it. */
public final class Recordings {
    private static final List<RecordingReader> READERS = List.of(
            // Readers are tried in order; magic-number formats first, text formats last.
            new AbfReader(),
            new HekaReader(),
            new WcpReader(),
            new NwbReader(),
            new AtfReader(),
            new CsvReader()
    );

    private Recordings() {
    }

    public static List<RecordingReader> readers() {
        return READERS;
    }

    public static Recording open(Path file) {
        return open(file, Progress.NONE);
    }

    public static Recording open(Path file, Progress progress) {
        return open(file, "", progress);
    }

    /**
     * Opens one series of a file that holds several (a HEKA bundle): "group.series" (e.g. "1.2"), its number
     * in the file, or its label; "" for the default one. Other formats accept only "".
     */
    public static Recording open(Path file, String series, Progress progress) {
        return reader(file).read(file, series, progress);
    }

    /** The series of a file that holds several (a HEKA bundle); empty for other formats. */
    public static List<SeriesEntry> series(Path file) {
        return reader(file).series(file);
    }

    private static RecordingReader reader(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RecordingFormatException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        byte[] head = readHead(file);
        if (head.length == 0) {
            throw new RecordingFormatException(file, "file is empty");
        }
        for (RecordingReader reader : READERS) {
            if (reader.accepts(file, head)) {
                return reader;
            }
        }
        throw new RecordingFormatException(file, "unrecognised format (expected ABF1/ABF2, HEKA PatchMaster, "
                + "WinWCP, ATF, CSV/TSV or NWB)");
    }

    private static byte[] readHead(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[512];
            int n = in.readNBytes(buf, 0, buf.length);
            return Arrays.copyOf(buf, n);
        } catch (IOException e) {
            throw new RecordingFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
