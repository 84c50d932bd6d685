package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;

/**
 * Reading speed of a ~100 MB ABF2 file end to end ({@code Recordings.open}: header, samples, command
 * waveforms). The file is a real header (one or four channels) with a synthetic data section of random
 * int16 samples and the sweep and sample counts adjusted to match. Target: ≥ 500 MB/s (median, heap kept; see
 * {@link ReadTiming} for the two regimes it prints). Run with {@code mvn -o test -Pbenchmark -Dtest=AbfReadBenchmark}.
 */
@Tag("benchmark")
class AbfReadBenchmark {
    private static final long TARGET_BYTES = 100_000_000L;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"data/abf/18711001.abf", "data/abf/pclamp11_4ch.abf"})
    void read100MegabyteAbf2(String template) throws IOException {
        Path file = synthesise(SharedData.path(template), tmp.resolve("big.abf"));
        double mb = Files.size(file) / 1e6;
        Recording r = ReadTiming.run("ABF2 read " + template, mb, 10, () -> Recordings.open(file));
        System.out.printf(Locale.ROOT, "  %d sweeps × %d channels × %d samples%n", r.sweepCount(), r.channelCount(),
                r.sweepLength());
        assertEquals((long) r.sweepCount() * r.sweepLength() * r.channelCount() * 2,
                Files.size(file) - dataStart(Files.readAllBytes(SharedData.path(template))));
    }

    private static long dataStart(byte[] header) {
        return ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(236) * 512L;
    }

    /** The template's header with a data section of ~100 MB of whole sweeps of random samples. */
    static Path synthesise(Path template, Path out) throws IOException {
        byte[] t = Files.readAllBytes(template);
        ByteBuffer h = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
        long start = dataStart(t);
        long samples = h.getLong(236 + 8);
        long sweeps = Integer.toUnsignedLong(h.getInt(12));
        long perSweep = samples / sweeps;
        long newSweeps = Math.max(1, TARGET_BYTES / 2 / perSweep);
        byte[] header = Arrays.copyOf(t, (int) start);
        ByteBuffer nh = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        nh.putInt(12, (int) newSweeps);
        nh.putLong(236 + 8, newSweeps * perSweep);
        nh.putLong(252 + 8, 0); // no tags (the tag section would now lie inside the data)
        try (OutputStream o = Files.newOutputStream(out)) {
            o.write(header);
            Random random = new Random(1);
            byte[] block = new byte[(int) perSweep * 2];
            for (long s = 0; s < newSweeps; s++) {
                random.nextBytes(block);
                o.write(block);
            }
        }
        return out;
    }
}
