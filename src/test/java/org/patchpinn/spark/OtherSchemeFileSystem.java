package org.patchpinn.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A Hadoop file system under its own scheme, {@code pptest:///abs/path}, backed by this machine's disk: stands
 * in for hdfs:// or s3a:// in tests, so a location that is not local goes the whole remote way (driver reads
 * through Hadoop, executors copy to a temporary file) without a cluster. Registered with
 * {@code spark.hadoop.fs.pptest.impl}.
 */
public final class OtherSchemeFileSystem extends RawLocalFileSystem {
    static final String SCHEME = "pptest";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    /** The absolute local path {@code p} as a location on this file system. */
    static String location(java.nio.file.Path p) {
        return SCHEME + "://" + p.toAbsolutePath().normalize().toUri().getRawPath();
    }
}
