package org.patchpinn.op;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.io.AtfWriter;
import org.patchpinn.io.Recordings;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

/**
 * One real cell at three sampling rates: 171116sh_0018.abf as recorded (20 kHz) and interpolated to 50 and 200 kHz
 * (V linear between samples, the command held; written as ATF), each fitted with {@code fit FILE --model traub-rs-m}.
 * The fits search on a 0.05 ms grid ({@code fit.WorkingGrid}), so the faster files should cost about what the
 * recording does and meet the same #12 criteria. Prints each rate's figures and wall time; fails where spike counts,
 * rest, input resistance or τ miss #12's limits, or a faster file takes more than twice the 20 kHz fit's time.
 * Rheobase is printed, not asserted: this cell's one-spike rheobase sweep is lost or kept by small differences in
 * the data (session 28: one step above at 20 kHz; two above at 50 and 200 kHz here, one above at 200 kHz from a CSV
 * interpolated in double precision). Run: {@code mvn test -Pbenchmark -Dtest=SampleRateFitBenchmark} (about 6 min on 2 cores).
 */
@Tag("benchmark")
class SampleRateFitBenchmark {
    @TempDir
    Path tmp;

    @Test
    void aFasterRecordingOfTheSameCellIsFittedAlikeInAboutTheSameTime() throws IOException {
        Path abf = SharedData.path("data/abf/171116sh_0018.abf");
        Recording r = Recordings.open(abf);
        List<String> failures = new ArrayList<>();
        double base = Double.NaN;
        for (double factor : new double[] {1, 2.5, 10}) {
            Path file = factor == 1 ? abf : tmp.resolve("171116sh_0018_x" + factor + ".atf");
            if (factor != 1) {
                try (OutputStream out = Files.newOutputStream(file)) {
                    AtfWriter.write(faster(r, factor), out);
                }
            }
            DefaultCellFit fit = DefaultCellFit.of(file);
            double wall = fit.wallS();
            FitCellFigures f = fit.figures();
            JsonObject v = fit.validation();
            double rate = r.sampleRateHz() * factor;
            System.out.printf(Locale.ROOT, "%.0f kHz: spike count within max(2,20%%) on %d/%d step sweeps; rheobase "
                            + "%+.0f steps; rest %+.2f mV; Rin %+.1f %%; tau %+.1f %%; test Γ %s; %.0f s wall (fit and "
                            + "report, the file read included)%n", rate / 1000, f.within(), f.steps(), f.rheobaseSteps(),
                    f.restMv(), 100 * f.inputResistanceRel(), 100 * f.timeConstantRel(), v.get("test_gamma"), wall);
            for (String m : f.misses(false)) {
                failures.add(String.format(Locale.ROOT, "%.0f kHz: %s", rate / 1000, m));
            }
            if (factor == 1) {
                base = wall;
            } else if (wall > 2 * base) {
                failures.add(String.format(Locale.ROOT, "%.0f kHz took %.0f s, the recording %.0f s", rate / 1000,
                        wall, base));
            }
        }
        System.out.println("failures: " + failures);
        assertTrue(failures.isEmpty(), failures.toString());
    }

    /** The recording sampled {@code factor} times faster: V interpolated linearly, the command held. */
    private static Recording faster(Recording r, double factor) {
        Recording.Builder b = Recording.builder().source(r.source()).format("ATF", "1.0")
                .sampleRateHz(r.sampleRateHz() * factor).commandUnit(r.commandUnit()).protocol(r.protocol());
        r.channels().forEach(ch -> b.channel(ch.name(), ch.unit()));
        int n = (int) Math.floor((r.sweepLength() - 1) * factor) + 1;
        for (Sweep s : r.sweeps()) {
            List<Trace> channels = new ArrayList<>();
            for (Trace t : s.channels()) {
                channels.add(Trace.wrap(resampled(t, n, factor, true)));
            }
            b.sweep(new Sweep(channels, Trace.wrap(resampled(s.command(), n, factor, false))));
        }
        return b.build();
    }

    private static float[] resampled(Trace t, int n, double factor, boolean interpolate) {
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            double x = k / factor;
            int j = Math.min((int) Math.floor(x + 1e-9), t.length() - 1);
            double f = x - j;
            out[k] = (float) (interpolate && j + 1 < t.length() ? t.get(j) + f * (t.get(j + 1) - t.get(j)) : t.get(j));
        }
        return out;
    }
}
