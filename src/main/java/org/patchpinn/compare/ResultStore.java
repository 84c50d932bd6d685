package org.patchpinn.compare;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.patchpinn.batch.ContentHash;
import org.patchpinn.batch.InputFiles;
import org.patchpinn.report.Json;
import org.patchpinn.report.OutputFolder;

/**
 * The per_recording folder of a comparison: each recording's result is written there (atomically) the
 * moment it is done, and a later run reuses it when the input file (its content hash) and the analysis
 * settings are unchanged, so an interrupted batch resumes where it stopped.
 */
public final class ResultStore {
    public static final String FOLDER = "per_recording";
    private final OutputFolder folder;

    public ResultStore(Path outDir) {
        this.folder = new OutputFolder(outDir.resolve(FOLDER));
    }

    /**
     * The fingerprint a result for {@code entry} must carry to be reused: a SHA-256 of the recording's bytes
     * and the analysis settings. Recordings of one protocol often share their size, and copies share
     * nothing else reliably with their original (modification times), so only the content identifies them.
     */
    public static String fingerprint(ManifestEntry entry, String settings) {
        return fingerprint(entry, settings, InputFiles.LOCAL);
    }

    /** The same, reading the recording through {@code files} (an engine that also reads hdfs://, s3a://). */
    public static String fingerprint(ManifestEntry entry, String settings, InputFiles files) {
        try (InputStream in = files.open(entry.location())) {
            return "sha256=" + ContentHash.sha256(in) + " " + settings;
        } catch (IOException e) {
            return "unreadable " + settings;
        }
    }

    /** A saved successful result with the same fingerprint, if any. */
    public Optional<RecordingResult> reusable(ManifestEntry entry, String fingerprint) {
        Path p = folder.resolve(entry.key() + ".json");
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            JsonObject o = Json.parse(Files.readString(p)).getAsJsonObject();
            if (!fingerprint.equals(o.get("fingerprint").getAsString()) || !"ok".equals(o.get("status").getAsString())) {
                return Optional.empty();
            }
            return Optional.of(RecordingResult.fromJson(o, entry));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or from an older version: analyse again
        }
    }

    public void save(RecordingResult r) {
        folder.writeJson(r.entry().key() + ".json", r.toJson());
    }
}
