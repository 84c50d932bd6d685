package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;

/**
 * Truncates and corrupts text recordings in many ways: the readers must either read a recording that is
 * consistent with the bytes left or raise {@link RecordingFormatException} naming the file, never anything
 * else (no IndexOutOfBounds, NumberFormat, NullPointer, OutOfMemory...).
 */
class TextReaderFuzzTest {
    @TempDir
    Path tmp;

    @Test
    void atfTruncatedOrCorrupted() throws IOException {
        Recording original = Recordings.open(SharedData.path("bench/public/glucose/cell1_G1.atf"));
        byte[] good = Files.readAllBytes(SharedData.path("bench/public/glucose/cell1_G1.atf"));
        good = Arrays.copyOf(good, 4000); // header and ~60 rows keep each variant fast
        fuzz(good, "x.atf", original.sweepCount());
    }

    @Test
    void csvTruncatedOrCorrupted() throws IOException {
        Recording r = Recordings.open(SharedData.path("bench/public/squid_steps.atf"));
        Path f = tmp.resolve("sweep.csv");
        try (OutputStream out = Files.newOutputStream(f)) {
            SweepCsvExporter.write(r, 1, out);
        }
        byte[] good = Arrays.copyOf(Files.readAllBytes(f), 3000);
        fuzz(good, "x.csv", 1);
    }

    private void fuzz(byte[] good, String name, int sweeps) throws IOException {
        // the cut copies end on a line boundary so the unmodified prefix is a valid file
        int lastNewline = good.length - 1;
        while (good[lastNewline] != '\n') {
            lastNewline--;
        }
        byte[] base = Arrays.copyOf(good, lastNewline + 1);
        Path f = tmp.resolve(name);
        int variants = 0;
        int errors = 0;
        for (int cut = 0; cut < base.length; cut += 7) {
            errors += check(f, Arrays.copyOf(base, cut), sweeps);
            variants++;
        }
        Random random = new Random(42);
        byte[] nasty = {0, '\t', ',', '"', '\n', '\r', '-', '.', 'e', 'E', '9', 'x', (byte) 0xff, ' ', '(', ')'};
        for (int i = 0; i < 600; i++) {
            byte[] bad = base.clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int pos = random.nextInt(bad.length);
                bad[pos] = random.nextBoolean() ? nasty[random.nextInt(nasty.length)] : (byte) random.nextInt(256);
            }
            errors += check(f, bad, sweeps);
            variants++;
        }
        assertTrue(variants > 800 && errors > variants / 4, variants + " variants, " + errors + " errors");
    }

    /** 1 if the reader refused the bytes cleanly, 0 if it read a plausible recording. */
    private static int check(Path f, byte[] bytes, int sweeps) throws IOException {
        Files.write(f, bytes);
        try {
            Recording r = Recordings.open(f);
            assertTrue(r.sweepCount() >= 1 && r.sweepLength() >= 2, "a recording needs data");
            return 0;
        } catch (RecordingFormatException e) {
            assertTrue(e.getMessage().startsWith(f + ": ") && !e.getMessage().contains("\n"), e.getMessage());
            return 1;
        } catch (RuntimeException | Error e) {
            fail("unclean " + e + " for bytes:\n" + new String(bytes, 0, Math.min(bytes.length, 600)), e);
            return 0;
        }
    }
}
