package org.patchpinn.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.patchpinn.trace.Channel;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Units;

/**
 * Writes a recording as ATF 1.0 in the layout of the benchmark files: time (ms), then per sweep one column
 * per channel followed by the command, titled {@code "Trace #k (unit)"}, with the {@code Signals=} record
 * naming each column's signal. {@link AtfReader} reads it back to the same samples (float32 values are
 * written in their shortest exact decimal form). A single-channel recording with a command of the other
 * kind gets the signal names of the benchmark files ({@code Vm}, {@code Im}).
 */
public final class AtfWriter {
    private AtfWriter() {
    }

    public static void write(Recording r, OutputStream out) throws IOException {
        for (Channel c : r.channels()) {
            if (!Units.isVoltage(c.unit()) && !Units.isCurrent(c.unit())) {
                throw new IllegalArgumentException("ATF export needs voltage or current channels; channel '"
                        + c.name() + "' is in '" + c.unit() + "'");
            }
        }
        if (r.channelCount() == 0 || r.sweepCount() == 0) {
            throw new IllegalArgumentException("nothing to write: the recording has no channels or sweeps");
        }
        int length = r.sweepLength();
        if (r.sweeps().stream().anyMatch(s -> s.length() != length)) {
            throw new IllegalArgumentException("ATF needs sweeps of equal length");
        }
        boolean command = r.hasCommand();
        List<String> names = signalNames(r, command);
        List<String> units = new ArrayList<>();
        for (Channel c : r.channels()) {
            units.add(c.unit());
        }
        if (command) {
            units.add(r.commandUnit());
        }
        int perSweep = names.size();
        int columns = 1 + perSweep * r.sweepCount();

        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        List<String> records = new ArrayList<>();
        records.add("AcquisitionMode=Episodic Stimulation");
        String comment = r.metadata().getOrDefault("comment", "");
        records.add("Comment=" + clean(comment));
        if (!r.protocol().isEmpty()) {
            records.add("Protocol=" + clean(r.protocol()));
        }
        StringBuilder starts = new StringBuilder("SweepStartTimesMS=");
        for (int k = 0; k < r.sweepCount(); k++) {
            starts.append(k == 0 ? "" : ",").append('0');
        }
        records.add(starts.toString());
        records.add("SignalsExported=" + String.join(",", names.stream().map(AtfWriter::clean).toList()));
        w.write("ATF\t1.0\n");
        w.write((records.size() + 1) + "\t" + columns + "\n");
        for (String rec : records) {
            w.write('"' + rec + "\"\n");
        }
        StringBuilder line = new StringBuilder("\"Signals=\"");
        for (int k = 0; k < r.sweepCount(); k++) {
            for (String n : names) {
                line.append("\t\"").append(clean(n)).append('"');
            }
        }
        w.write(line.append('\n').toString());
        line.setLength(0);
        line.append("\"Time (ms)\"");
        for (int k = 0; k < r.sweepCount(); k++) {
            for (String u : units) {
                line.append("\t\"Trace #").append(k + 1).append(" (").append(clean(u)).append(")\"");
            }
        }
        w.write(line.append('\n').toString());
        double dt = r.dtMs();
        for (int i = 0; i < length; i++) {
            line.setLength(0);
            line.append(Math.round(i * dt * 1e6) / 1e6);
            for (int k = 0; k < r.sweepCount(); k++) {
                var sweep = r.sweep(k);
                for (int c = 0; c < r.channelCount(); c++) {
                    line.append('\t').append((float) sweep.channel(c).get(i));
                }
                if (command) {
                    line.append('\t').append((float) sweep.command().get(i));
                }
            }
            w.write(line.append('\n').toString());
        }
        w.flush();
    }

    private static List<String> signalNames(Recording r, boolean command) {
        List<String> names = new ArrayList<>();
        for (Channel c : r.channels()) {
            names.add(c.name().isBlank() ? (Units.isVoltage(c.unit()) ? "Vm" : "Im") : c.name());
        }
        if (command) {
            boolean commandIsCurrent = Units.isCurrent(r.commandUnit());
            boolean otherKind = r.channelCount() == 1 && commandIsCurrent != Units.isCurrent(r.channel(0).unit());
            String name = otherKind ? (commandIsCurrent ? "Im" : "Vm") : "Command";
            if (names.contains(name)) {
                name = "Command";
            }
            names.add(name);
        }
        return names;
    }

    /** Quotes and tabs would break the record structure. */
    private static String clean(String s) {
        return s.replace('"', '\'').replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
