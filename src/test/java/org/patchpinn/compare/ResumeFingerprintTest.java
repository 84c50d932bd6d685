package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch resume recognises a recording by its content, not by its size and modification time. */
class ResumeFingerprintTest {
    @TempDir
    Path tmp;

    private static ManifestEntry entry(Path file) {
        return new ManifestEntry(1, "cell.atf", file, 5, "c1", Map.of(), "");
    }

    @Test
    void anEqualSizeDifferentFileIsNotTakenForTheAnalysedOne() throws IOException {
        Path file = tmp.resolve("cell.atf");
        Files.writeString(file, "recording A 0123456789");
        FileTime when = Files.getLastModifiedTime(file);
        String before = ResultStore.fingerprint(entry(file), "settings");
        // Another recording of the same protocol: same size, same modification time, other samples.
        Files.writeString(file, "recording B 9876543210");
        Files.setLastModifiedTime(file, when);
        assertNotEquals(before, ResultStore.fingerprint(entry(file), "settings"));
        // The same bytes again (e.g. a copy) are recognised, and other settings are not.
        Files.writeString(file, "recording A 0123456789");
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        assertEquals(before, ResultStore.fingerprint(entry(file), "settings"));
        assertNotEquals(before, ResultStore.fingerprint(entry(file), "other settings"));
    }
}
