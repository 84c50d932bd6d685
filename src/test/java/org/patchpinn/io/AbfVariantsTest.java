package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Trace;

/** Layouts the sample files do not cover: float32 data, and a stimulus file that is present. */
class AbfVariantsTest {
    @TempDir
    Path tmp;

    /** The same recording rewritten with float32 samples (nDataFormat 1) reads back to the same values. */
    @ParameterizedTest
    @ValueSource(strings = {"data/abf/18711001.abf", "data/abf/pclamp11_4ch.abf"})
    void float32DataAreReadUnscaled(String relative) throws IOException {
        Path source = SharedData.path(relative);
        Recording original = Recordings.open(source);
        byte[] b = Files.readAllBytes(source);
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int start = h.getInt(236) * 512;
        int channels = original.channelCount();
        ByteBuffer data = ByteBuffer.allocate(original.sweepCount() * original.sweepLength() * channels * 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < original.sweepCount(); s++) {
            for (int i = 0; i < original.sweepLength(); i++) {
                for (int c = 0; c < channels; c++) {
                    data.putFloat((float) original.sweep(s).channel(c).get(i));
                }
            }
        }
        byte[] out = Arrays.copyOf(b, start + data.capacity());
        ByteBuffer o = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        o.putShort(30, (short) 1); // nDataFormat: float32
        o.putInt(236 + 4, 4);      // data entry size
        o.putLong(252 + 8, 0);     // drop tags (they followed the int16 data)
        System.arraycopy(data.array(), 0, out, start, data.capacity());
        Path file = tmp.resolve("float.abf");
        Files.write(file, out);
        Recording r = Recordings.open(file);
        assertEquals(original.sweepCount(), r.sweepCount());
        for (int s = 0; s < r.sweepCount(); s++) {
            for (int c = 0; c < channels; c++) {
                assertEquals(original.sweep(s).channel(c), r.sweep(s).channel(c), "sweep " + s + " channel " + c);
            }
            assertEquals(original.sweep(s).command(), r.sweep(s).command());
        }
    }

    /** With the stimulus file next to the recording, its first sweep becomes the command of every sweep. */
    @Test
    void presentStimulusFileGivesTheCommand() throws IOException {
        Path abf = tmp.resolve("171116sh_0015-ATFwaveform.abf");
        Files.copy(SharedData.path("data/abf/171116sh_0015-ATFwaveform.abf"), abf);
        // The header names "...\waveform stimulus\sine sweep magnitude 20.atf"; any recording will do as its content.
        Path stimulus = tmp.resolve("sine sweep magnitude 20.atf");
        Files.copy(SharedData.path("data/abf/17o05027_ic_ramp.abf"), stimulus);
        Recording stim = Recordings.open(stimulus);
        Recording r = Recordings.open(abf);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertTrue(r.hasCommand());
        assertEquals("mV", r.commandUnit());
        float[] expected = Arrays.copyOf(stim.sweep(0).channel(0).toFloatArray(), r.sweepLength());
        Arrays.fill(expected, stim.sweepLength(), expected.length, expected[stim.sweepLength() - 1]);
        for (int s = 0; s < r.sweepCount(); s++) {
            assertEquals(Trace.wrap(expected), r.sweep(s).command(), "sweep " + s);
        }
    }

    /** Event-driven sweeps of unequal length are kept whole, as one sweep, with a warning. */
    @Test
    void unequalEventDrivenSweepsBecomeOneSweep() throws IOException {
        byte[] b = Files.readAllBytes(SharedData.path("data/abf/17o05027_ic_ramp.abf"));
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort(512, (short) 1); // nOperationMode: event-driven, variable length
        h.putInt(12, 3);            // 3 sweeps: 40000 samples do not split evenly
        Path file = tmp.resolve("events.abf");
        Files.write(file, b);
        Recording r = Recordings.open(file);
        assertEquals(1, r.sweepCount());
        assertEquals(40000, r.sweepLength());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("one continuous sweep")), r.warnings().toString());
    }

    /** ABF older than 1.6 has a 2048-byte header: the extended fields (telegraph, epochs, protocol) are not read. */
    @Test
    void oldAbf1HeadersIgnoreTheExtendedFields() throws IOException {
        Path source = SharedData.path("data/other/myokit/abf-v1.abf"); // ABF 1.65 with a telegraph gain of 0.5
        Recording modern = Recordings.open(source);
        byte[] b = Files.readAllBytes(source);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(4, 1.5f);
        Path file = tmp.resolve("old.abf");
        Files.write(file, b);
        Recording old = Recordings.open(file);
        assertEquals("1.5.0.0", old.formatVersion());
        assertEquals("", old.protocol());
        assertEquals(modern.sweepCount(), old.sweepCount());
        assertEquals(modern.sweep(3).channel(0).get(100) * 0.5, old.sweep(3).channel(0).get(100), 1e-4);
        AbfFuzzTest.assertConsistent(old, "ABF 1.5");
    }

    /** A file above the in-memory limit is memory-mapped: same values as the small original, repeated. */
    @Test
    void largeFilesAreMappedAndReadTheSame() throws IOException {
        Path source = SharedData.path("data/abf/18711001.abf");
        Recording original = Recordings.open(source);
        byte[] b = Files.readAllBytes(source);
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int start = h.getInt(236) * 512;
        int dataBytes = (int) h.getLong(236 + 8) * 2;
        int copies = 6; // 6 × 1.8 MB: beyond the 8 MB read into memory
        byte[] out = Arrays.copyOf(b, start + copies * dataBytes);
        for (int k = 1; k < copies; k++) {
            System.arraycopy(b, start, out, start + k * dataBytes, dataBytes);
        }
        ByteBuffer o = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        o.putInt(12, copies * original.sweepCount());
        o.putLong(236 + 8, (long) copies * dataBytes / 2);
        o.putLong(252 + 8, 0);
        Path file = tmp.resolve("large.abf");
        Files.write(file, out);
        Recording r = Recordings.open(file);
        assertEquals(copies * original.sweepCount(), r.sweepCount());
        for (int s = 0; s < r.sweepCount(); s += 7) {
            assertEquals(original.sweep(s % original.sweepCount()).channel(0), r.sweep(s).channel(0), "sweep " + s);
        }
    }
}
