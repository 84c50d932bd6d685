package org.patchpinn.io;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

/** Read speed of ATF and CSV files of about 100 MB (run: mvn -o test -Pbenchmark -Dtest=TextReadBenchmark). */
@Tag("benchmark")
class TextReadBenchmark {
    @TempDir
    Path tmp;

    @Test
    void readSpeed() throws Exception {
        Recording r = synthetic(20, 250_000);
        Path atf = tmp.resolve("big.atf");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(atf), 1 << 20)) {
            AtfWriter.write(r, out);
        }
        Path csv = tmp.resolve("big.csv");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 20)) {
            SweepCsvExporter.write(synthetic(1, 4_000_000), 0, out);
        }
        for (Path f : List.of(atf, csv)) {
            double mb = Files.size(f) / 1e6;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 4; i++) {
                long t0 = System.nanoTime();
                Recording back = Recordings.open(f);
                double s = (System.nanoTime() - t0) / 1e9;
                best = Math.min(best, s);
                if (back.sweepLength() < 1000) {
                    throw new AssertionError();
                }
            }
            System.out.printf("%s: %.1f MB read in %.3f s = %.0f MB/s (best of 4)%n", f.getFileName(), mb, best,
                    mb / best);
        }
    }

    /** The benchmark files as they are (fixed 4-decimal text), all read together, best of 5. */
    @Test
    void benchmarkFiles() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("bench/public", "bench/public/glucose")) {
            try (var list = Files.list(org.patchpinn.testing.SharedData.path(dir))) {
                list.filter(p -> p.toString().endsWith(".atf")).forEach(files::add);
            }
        }
        double mb = 0;
        for (Path f : files) {
            mb += Files.size(f) / 1e6;
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            for (Path f : files) {
                Recordings.open(f);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("%d benchmark ATF files, %.1f MB, read in %.3f s = %.0f MB/s%n", files.size(), mb, best,
                mb / best);
    }

    /** Noisy voltage traces with a current step, values with float32's full digits (worst case text). */
    private static Recording synthetic(int sweeps, int samples) {
        Random random = new Random(1);
        Recording.Builder b = Recording.builder().format("simulated", "").sampleRateHz(20000)
                .channel("Vm", "mV").commandUnit("pA");
        for (int k = 0; k < sweeps; k++) {
            float[] v = new float[samples];
            float[] c = new float[samples];
            for (int i = 0; i < samples; i++) {
                v[i] = (float) (-65 + 10 * random.nextGaussian());
                c[i] = i > samples / 4 && i < samples / 2 ? 100f * k : 0f;
            }
            List<Trace> traces = new ArrayList<>();
            traces.add(Trace.wrap(v));
            b.sweep(new Sweep(traces, Trace.wrap(c)));
        }
        return b.build();
    }
}
