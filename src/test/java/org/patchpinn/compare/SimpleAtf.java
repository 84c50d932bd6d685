package org.patchpinn.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

/**
 * Test-only stand-in for the project's ATF reader while it is not merged: reads the glucose benchmark's
 * layout (time ms, then Vm mV / Im pA pairs per sweep). Used only when Recordings cannot open ATF.
 */
final class SimpleAtf {
    private SimpleAtf() {
    }

    static Recording read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            int nHeader = Integer.parseInt(lines.get(1).split("\t")[0].trim());
            int first = 2 + nHeader + 1;
            int rows = lines.size() - first;
            int cols = lines.get(first).split("\t").length;
            double[][] d = new double[cols][rows];
            for (int r = 0; r < rows; r++) {
                String[] f = lines.get(first + r).split("\t");
                for (int c = 0; c < cols; c++) {
                    d[c][r] = Double.parseDouble(f[c]);
                }
            }
            Recording.Builder b = Recording.builder().source(file).format("ATF", "1.0")
                    .sampleRateHz(1000.0 / (d[0][1] - d[0][0])).channel("Vm", "mV").channel("Im", "pA");
            for (int s = 0; s + 2 < cols + 1 && 1 + 2 * s + 1 < cols; s++) {
                List<Trace> ch = new ArrayList<>();
                ch.add(Trace.of(d[1 + 2 * s]));
                ch.add(Trace.of(d[2 + 2 * s]));
                b.sweep(new Sweep(ch, null));
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
