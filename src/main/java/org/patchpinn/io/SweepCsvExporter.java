package org.patchpinn.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.patchpinn.trace.Channel;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;

/** Writes one sweep as CSV: time in ms, one column per channel and one for the command, units in headers. */
public final class SweepCsvExporter {
    private SweepCsvExporter() {
    }

    public static void write(Recording r, int sweepIndex, OutputStream out) throws IOException {
        Sweep sweep = r.sweep(sweepIndex);
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        StringBuilder line = new StringBuilder("time (ms)");
        for (Channel c : r.channels()) {
            line.append(',').append(header(c.name(), c.unit()));
        }
        if (sweep.hasCommand()) {
            line.append(',').append(header("command", r.commandUnit()));
        }
        w.write(line.append('\n').toString());
        double dt = r.dtMs();
        for (int i = 0; i < sweep.length(); i++) {
            line.setLength(0);
            // double, rounded to 1 ns: float time loses the sample spacing after a few minutes
            line.append(Math.round(i * dt * 1e6) / 1e6);
            for (int c = 0; c < r.channelCount(); c++) {
                line.append(',').append((float) sweep.channel(c).get(i));
            }
            if (sweep.hasCommand()) {
                line.append(',').append((float) sweep.command().get(i));
            }
            w.write(line.append('\n').toString());
        }
        w.flush();
    }

    private static String header(String name, String unit) {
        String h = name.replace(",", " ").replace("\"", "") + " (" + unit + ")";
        return h;
    }
}
