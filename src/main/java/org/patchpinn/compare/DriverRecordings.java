package org.patchpinn.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.patchpinn.batch.InputFiles;
import org.patchpinn.batch.InputLocation;
import org.patchpinn.trace.Recording;

/**
 * Opens a manifest row's recording where the cross-recording steps run (the driver): a local file in place; a
 * file on another file system (hdfs://, s3a://) through a temporary copy under its own name (the extension
 * picks the reader), deleted once read.
 */
final class DriverRecordings implements Function<ManifestEntry, Recording> {
    private final Function<Path, Recording> loader;
    private final InputFiles files;

    DriverRecordings(Function<Path, Recording> loader, InputFiles files) {
        this.loader = loader;
        this.files = files;
    }

    @Override
    public Recording apply(ManifestEntry e) {
        if (e.local()) {
            return loader.apply(e.file());
        }
        Path dir = null;
        Path copy = null;
        try {
            dir = Files.createTempDirectory("patchpinn-driver");
            copy = dir.resolve(InputLocation.fileName(e.location()));
            try (InputStream in = files.open(e.location())) {
                Files.copy(in, copy);
            }
            return loader.apply(copy);
        } catch (IOException x) {
            throw new UncheckedIOException(e.location() + ": cannot read: " + x.getMessage(), x);
        } finally {
            deleteQuietly(copy);
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary file left behind is not worth failing the comparison for
        }
    }
}
