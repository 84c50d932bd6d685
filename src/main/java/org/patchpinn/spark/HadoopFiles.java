package org.patchpinn.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Files behind a Hadoop URI (hdfs://, s3a://, ...): the only place that names Hadoop's own {@code Path}. */
final class HadoopFiles {
    private HadoopFiles() {
    }

    static InputStream open(URI uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        return p.getFileSystem(conf).open(p);
    }

    /** True when {@code uri} names an existing file (not a folder); false when absent or unreachable. */
    static boolean isFile(URI uri, Configuration conf) {
        Path p = new Path(uri);
        try {
            return p.getFileSystem(conf).getFileStatus(p).isFile();
        } catch (IOException e) {
            return false; // FileNotFoundException, or a store that cannot be reached: "file not found" either way
        }
    }

    /** The file name at the end of {@code uri}. */
    static String name(URI uri) {
        return new Path(uri).getName();
    }

    /** Copies the file at {@code remote} to the local file {@code local} (a file: URI). */
    static void copyToLocal(URI remote, URI local, Configuration conf) throws IOException {
        Path p = new Path(remote);
        p.getFileSystem(conf).copyToLocalFile(false, p, new Path(local), true);
    }
}
