package org.patchpinn.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.patchpinn.batch.InputLocation;

/**
 * A recording as a local file, whatever Hadoop file system holds it: local paths and file: URIs are used in
 * place; hdfs://, s3a:// and the like are copied to a temporary folder (keeping the file name, whose extension
 * picks the reader) and deleted on close. The Hadoop configuration is the executor's (HADOOP_CONF_DIR,
 * spark.hadoop.* settings).
 */
final class HadoopInput implements AutoCloseable {
    private final Path local;
    private final Path tempDir;

    private HadoopInput(Path local, Path tempDir) {
        this.local = local;
        this.tempDir = tempDir;
    }

    static HadoopInput open(String file) throws IOException {
        URI uri = uri(file);
        if (uri == null || uri.getScheme() == null || uri.getScheme().equals("file")) {
            return new HadoopInput(uri == null || uri.getScheme() == null ? Path.of(file) : Path.of(uri), null);
        }
        Path dir = Files.createTempDirectory("patchpinn-input");
        Path local = dir.resolve(HadoopFiles.name(uri));
        try {
            HadoopFiles.copyToLocal(uri, local.toUri(), configuration());
        } catch (IOException e) {
            deleteQuietly(dir, local);
            throw new IOException(file + ": cannot read through Hadoop's file system: " + e.getMessage(), e);
        }
        return new HadoopInput(local, dir);
    }

    /** A URI when {@code file} names a scheme (hdfs://..., s3a://..., file:/...); null for a plain path. */
    static URI uri(String file) {
        return InputLocation.isUri(file) ? URI.create(file) : null;
    }

    private static Configuration configuration() {
        SparkEnv env = SparkEnv.get();
        return env == null ? new Configuration()
                : SparkHadoopUtil.get().newConfiguration(env.conf());
    }

    Path localFile() {
        return local;
    }

    @Override
    public void close() {
        if (tempDir != null) {
            deleteQuietly(tempDir, local);
        }
    }

    private static void deleteQuietly(Path dir, Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary copy " + file, e);
        }
    }
}
