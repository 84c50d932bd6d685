package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * 1,000,000 int16 samples (~400 MB). Target: ≥ 500 MB/s. Size with {@code -Dheka.bench.sweeps=N}.
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
        double[] seconds = new double[6];
        double[] cpu = new double[seconds.length];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Recording r = null;
        for (int i = 0; i < seconds.length; i++) {
            r = null;
            System.gc();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            r = Recordings.open(file, "1.2", org.patchpinn.task.Progress.NONE);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        }
        double best = Arrays.stream(seconds).min().orElseThrow();
        double median = Arrays.stream(seconds).sorted().toArray()[seconds.length / 2];
        double medianCpu = Arrays.stream(cpu).sorted().toArray()[cpu.length / 2];
        System.out.printf(Locale.ROOT, "HEKA bundle read: %.1f MB, %d sweeps × %d traces × %d samples; first %.3f s "
                        + "(%.0f MB/s), best %.3f s (%.0f MB/s), median %.0f MB/s wall, %.0f MB/s per CPU second "
                        + "(median, reading thread)%n", mb, r.sweepCount(), r.channelCount(), r.sweepLength(),
                seconds[0], mb / seconds[0], best, mb / best, mb / median, mb / medianCpu);
        assertEquals(sweeps, r.sweepCount());
        assertEquals((float) (b[17] * 3.125e-5 * 1e3), r.sweep(sweeps - 1).channel(1).toFloatArray()[17]);
        assertEquals(-70 + 10 + 5 * (sweeps - 1), r.sweep(sweeps - 1).command().get(points / 2), 1e-3);
    }
}
