package org.patchpinn.batch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where an input lives, as written by the user: a plain local path, a {@code file:} URI, or a URI of another
 * file system ({@code hdfs://}, {@code s3a://}, ...) that only the Spark engine reads (through Hadoop). Pure
 * Java, so the thread pool, the manifest reader and the parameter checks share one rule for what is a URI.
 */
public final class InputLocation {
    /** A scheme of two or more characters and a colon: one letter would be a Windows drive ("C:\..."). */
    private static final Pattern URI_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private InputLocation() {
    }

    /** A scheme, a colon and a parseable URI; anything else (e.g. a name with a space after a colon) is a path. */
    public static boolean isUri(String location) {
        if (!URI_LIKE.matcher(location).matches()) {
            return false;
        }
        try {
            new URI(location);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The local file behind a plain path or a {@code file:} URI; null for another file system's URI. */
    public static Path localPath(String location) {
        if (!isUri(location)) {
            return Path.of(location);
        }
        URI u = URI.create(location);
        return "file".equalsIgnoreCase(u.getScheme()) ? Path.of(u) : null;
    }

    public static boolean isLocal(String location) {
        return localPath(location) != null;
    }

    /** The folder holding {@code location} (a URI ending in '/'); only for non-local URIs. */
    public static String parentUri(String location) {
        URI u = URI.create(location);
        return u.resolve(".").toString();
    }

    /**
     * {@code name} (a manifest's file column) inside the folder {@code folderUri} (a non-local URI); a name that
     * is itself a URI stands as written.
     */
    public static String resolveUri(String folderUri, String name) {
        if (isUri(name)) {
            return name;
        }
        String base = folderUri.endsWith("/") ? folderUri : folderUri + "/";
        try {
            // the name as a relative URI path, so spaces and the like are escaped, not refused
            return URI.create(base).resolve(new URI(null, null, name.replace('\\', '/'), null)).normalize()
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + name + "' is not a usable file name under " + base, e);
        }
    }

    /** The last part of a location's path: the file name, whose extension picks the reader. */
    public static String fileName(String location) {
        String path = isUri(location) ? URI.create(location).getPath() : location.replace('\\', '/');
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
