package org.patchpinn.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads inputs by location (see {@link InputLocation}) on the driver: manifests, and recordings to hash or to
 * re-read. This JVM's file system by default; the Spark engine adds Hadoop's (hdfs://, s3a://, ...).
 */
public interface InputFiles {
    /** Local files only: plain paths and file: URIs. */
    InputFiles LOCAL = new InputFiles() { };

    default InputStream open(String location) throws IOException {
        return Files.newInputStream(local(location));
    }

    /** True when {@code location} names an existing regular file this reader can open. */
    default boolean isFile(String location) {
        Path p = InputLocation.localPath(location);
        return p != null && Files.isRegularFile(p);
    }

    /** True when this reader also reads other file systems than this machine's (Hadoop's, on Spark). */
    default boolean readsRemote() {
        return false;
    }

    private static Path local(String location) throws IOException {
        Path p = InputLocation.localPath(location);
        if (p == null) {
            throw new IOException(location + ": not a local file; other file systems (hdfs://, s3a://) are read "
                    + "with --engine spark (Hadoop's file system API)");
        }
        return p;
    }
}
