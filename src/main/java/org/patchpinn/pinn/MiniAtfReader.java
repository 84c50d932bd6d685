package org.patchpinn.pinn;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchpinn.io.RecordingFormatException;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

/**
 * Minimal reader for the ATF 1.0 layout the bench files use (time column, then a voltage and a current
 * column per sweep), used only while {@code org.patchpinn.io.Recordings} has no ATF reader.
 */
final class MiniAtfReader {
    private static final Pattern TITLE = Pattern.compile("\"([^\"]*)\\(([^)]*)\\)\"");

    private MiniAtfReader() {
    }

    static Recording read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String first = in.readLine();
            if (first == null || !first.startsWith("ATF")) {
                throw new RecordingFormatException(file, "not an ATF file");
            }
            String[] counts = in.readLine().trim().split("\\s+");
            int headers = Integer.parseInt(counts[0]);
            for (int i = 0; i < headers; i++) {
                in.readLine();
            }
            List<String> units = new ArrayList<>();
            Matcher m = TITLE.matcher(in.readLine());
            while (m.find()) {
                units.add(m.group(2).trim());
            }
            int cols = units.size();
            List<double[]> rows = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\t");
                double[] row = new double[cols];
                for (int c = 0; c < cols; c++) {
                    row[c] = c < f.length ? Double.parseDouble(f[c]) : Double.NaN;
                }
                rows.add(row);
            }
            if (rows.size() < 2 || cols < 3) {
                throw new RecordingFormatException(file, "ATF file has too few rows or columns");
            }
            double dt = rows.get(1)[0] - rows.get(0)[0];
            double dtMs = dt * org.patchpinn.trace.Units.toMilliseconds(units.get(0));
            Recording.Builder b = Recording.builder().source(file).format("ATF", "1.0")
                    .sampleRateHz(1000.0 / dtMs).channel("Vm", units.get(1)).commandUnit(units.get(2));
            for (int c = 1; c + 1 < cols; c += 2) {
                double[] v = new double[rows.size()];
                double[] i = new double[rows.size()];
                for (int k = 0; k < rows.size(); k++) {
                    v[k] = rows.get(k)[c];
                    i[k] = rows.get(k)[c + 1];
                }
                b.sweep(new Sweep(List.of(Trace.of(v)), Trace.of(i)));
            }
            return b.build();
        } catch (IOException | RuntimeException e) {
            if (e instanceof RecordingFormatException rfe) {
                throw rfe;
            }
            throw new RecordingFormatException(file, "cannot read ATF: " + e.getMessage(), e);
        }
    }
}
