package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;

/**
 * An ABF header names its external stimulus file by path. A crafted header could name any readable file;
 * only the name is used (beside the recording, or in the user's stimulus folder) unless the user allows
 * stored paths.
 */
class AbfStimulusPathTest {
    private static final String STORED = "L:\\Protocols\\permanent\\waveform stimulus\\sine sweep magnitude 20.atf";

    @TempDir
    Path tmp;

    /** The recording with its stored stimulus path replaced by an absolute path to {@code target}. */
    private Path craft(Path target) throws IOException {
        byte[] b = Files.readAllBytes(SharedData.path("data/abf/171116sh_0015-ATFwaveform.abf"));
        byte[] stored = STORED.getBytes(StandardCharsets.US_ASCII);
        String abs = target.toAbsolutePath().toString();
        assertTrue(abs.length() <= stored.length, "temporary path short enough: " + abs);
        // POSIX reads repeated slashes as one, so padding keeps the path and the header layout
        byte[] path = ("/".repeat(stored.length - abs.length()) + abs).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(b, stored);
        System.arraycopy(path, 0, b, at, path.length);
        Path dir = Files.createDirectories(tmp.resolve("rec"));
        Path abf = dir.resolve("crafted.abf");
        Files.write(abf, b);
        return abf;
    }

    @Test
    void aCraftedAbsoluteStimulusPathIsNotOpened() throws IOException {
        Path secret = Files.createDirectories(tmp.resolve("s")).resolve("x.atf");
        Files.copy(SharedData.path("bench/public/squid_steps.atf"), secret);
        Path abf = craft(secret);
        Recording r = Recordings.open(abf);
        assertFalse(r.hasCommand(), "the file at the stored absolute path was not loaded");
        String w = String.join(" | ", r.warnings());
        assertTrue(w.contains("looked at [" + abf.getParent().resolve("x.atf") + "]"), w);
        assertTrue(w.contains(AbfStimulusFile.ABSOLUTE_PROPERTY), w);
    }

    @Test
    void theStimulusIsFoundBesideTheRecordingOrWhenStoredPathsAreAllowed() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("s")).resolve("x.atf");
        Files.copy(SharedData.path("bench/public/squid_steps.atf"), elsewhere);
        Path abf = craft(elsewhere);
        System.setProperty(AbfStimulusFile.ABSOLUTE_PROPERTY, "true");
        try {
            assertTrue(Recordings.open(abf).hasCommand(), "allowed by the user");
        } finally {
            System.clearProperty(AbfStimulusFile.ABSOLUTE_PROPERTY);
        }
        System.setProperty(AbfStimulusFile.DIR_PROPERTY, elsewhere.getParent().toString());
        try {
            assertTrue(Recordings.open(abf).hasCommand(), "found by name in the user's stimulus folder");
        } finally {
            System.clearProperty(AbfStimulusFile.DIR_PROPERTY);
        }
        Files.copy(elsewhere, abf.getParent().resolve("x.atf"));
        Recording r = Recordings.open(abf);
        assertTrue(r.hasCommand(), "found by name beside the recording");
        assertEquals(0, r.warnings().size(), r.warnings().toString());
    }

    private static int indexOf(byte[] b, byte[] p) {
        outer:
        for (int i = 0; i + p.length <= b.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (b[i + j] != p[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("stored stimulus path not found");
    }
}
