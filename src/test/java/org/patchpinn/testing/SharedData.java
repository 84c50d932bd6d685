package org.patchpinn.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the read-only {@code ../shared} folder next to the checkout (real recordings, reference values,
 * benchmarks). Tests read them in place; they are never copied into the project.
 */
public final class SharedData {
    private static final Path ROOT = locate();

    private SharedData() {
    }

    private static Path locate() {
        String prop = System.getProperty("patchpinn.shared");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find ../shared (set -Dpatchpinn.shared=DIR)");
    }

    /** A path under ../shared, e.g. {@code path("data/abf/18711001.abf")}; fails if it does not exist. */
    public static Path path(String relative) {
        Path p = ROOT.resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing shared test file: " + p);
        }
        return p;
    }

    public static Path root() {
        return ROOT;
    }
}
