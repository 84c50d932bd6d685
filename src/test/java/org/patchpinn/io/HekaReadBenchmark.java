package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.io.HekaBundleWriter.Channel;
import org.patchpinn.io.HekaBundleWriter.Segment;
import org.patchpinn.io.HekaBundleWriter.SeriesSpec;
import org.patchpinn.io.HekaBundleWriter.Stimulation;
import org.patchpinn.io.HekaBundleWriter.TraceSpec;
import org.patchpinn.trace.Recording;

/**
 * Reading speed of a large synthetic PatchMaster bundle end to end ({@code Recordings.open}: bundle header,
 * trees, series choice, every sample of the series decoded to mV/pA; the command waveforms are rebuilt lazily and
 * not counted). Two series (a small one first, so the reader must seek), the big one of 100 sweeps × 2 traces ×
 * 1,000,000 int16 samples (~400 MB). Target: ≥ 500 MB/s (median, heap kept; see {@link ReadTiming} for the two
 * regimes it prints). Size with {@code -Dheka.bench.sweeps=N}.
 * Run with {@code mvn -o test -Pbenchmark -Dtest=HekaReadBenchmark}.
 */
@Tag("benchmark")
class HekaReadBenchmark {
    @TempDir
    Path tmp;

    @Test
    void readLargeBundle() throws IOException {
        int sweeps = Integer.getInteger("heka.bench.sweeps", 100);
        int points = 1_000_000;
        Random random = new Random(1);
        short[] a = new short[points];
        short[] b = new short[points];
        for (int i = 0; i < points; i++) {
            a[i] = (short) random.nextInt();
            b[i] = (short) random.nextInt();
        }
        List<List<TraceSpec>> big = new ArrayList<>();
        for (int k = 0; k < sweeps; k++) {
            big.add(List.of(new TraceSpec("I-mon", "A", 3, 1e-12, 5e-5, a, 0),
                    new TraceSpec("V-mon", "V", 3, 3.125e-5, 5e-5, b, 0)));
        }
        List<List<TraceSpec>> small = List.of(List.of(new TraceSpec("I-mon", "A", 3, 1e-12, 5e-5,
                Arrays.copyOf(a, 1000), 0), new TraceSpec("V-mon", "V", 3, 3.125e-5, 5e-5, Arrays.copyOf(b, 1000), 0)));
        Stimulation stim = new Stimulation("steps", 5e-5, sweeps, List.of(new Channel(HekaStimulus.AMPL_VC, "V",
                -0.07, 3, List.of(Segment.holding(5), Segment.constant(0.01, 0.005, 30), Segment.holding(15)))));
        Stimulation seal = new Stimulation("seal", 5e-5, 1, List.of(new Channel(HekaStimulus.AMPL_VC, "V",
                -0.07, 3, List.of(Segment.holding(0.05)))));
        Path file = tmp.resolve("big.dat");
        new HekaBundleWriter().write(file, List.of(new SeriesSpec("seal", 2, small),
                new SeriesSpec("steps", 1, big)), List.of(stim, seal));
        double mb = Files.size(file) / 1e6;
        Recording r = ReadTiming.run("HEKA bundle read", mb, 6,
                () -> Recordings.open(file, "1.2", org.patchpinn.task.Progress.NONE));
        System.out.printf(Locale.ROOT, "  %d sweeps × %d traces × %d samples%n", r.sweepCount(), r.channelCount(),
                r.sweepLength());
        assertEquals(sweeps, r.sweepCount());
        assertEquals((float) (b[17] * 3.125e-5 * 1e3), r.sweep(sweeps - 1).channel(1).toFloatArray()[17]);
        assertEquals(-70 + 10 + 5 * (sweeps - 1), r.sweep(sweeps - 1).command().get(points / 2), 1e-3);
    }
}
