package org.patchpinn.compare;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.patchpinn.report.OutputFolder;

/**
 * The per_recording folder of a comparison: each recording's result is written there (atomically) the
 * moment it is done, and a later run reuses it when the input file (size and modification time) and the
 * analysis settings are unchanged, so an interrupted batch resumes where it stopped.
 */
public final class ResultStore {
    public static final String FOLDER = "per_recording";
    private final OutputFolder folder;

    public ResultStore(Path outDir) {
        this.folder = new OutputFolder(outDir.resolve(FOLDER));
    }

    public Path dir() {
        return folder.dir();
    }

    /** The fingerprint a result for {@code entry} must carry to be reused. */
    public static String fingerprint(ManifestEntry entry, String settings) {
        try {
            return "size=" + Files.size(entry.file()) + " mtime=" + Files.getLastModifiedTime(entry.file()).toMillis()
                    + " " + settings;
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
            JsonObject o = JsonParser.parseString(Files.readString(p)).getAsJsonObject();
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
