package org.patchpinn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchpinn.PatchPinnException;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;
import org.patchpinn.trace.Units;

/**
 * WinWCP (Strathclyde Electrophysiology Software) reader, format versions 6 to 9: a text header of
 * {@code KEY=value} lines ({@link WcpHeader}: numbers with a decimal point or, as version 8 writes them, a decimal
 * comma; the defaults of older files), then
 * {@code NR} records, each an analysis block (status, type, time, sample interval, and the A/D voltage range
 * {@code VMax} of every channel) followed by a data block of interleaved int16 samples. A sample of channel c is
 * {@code (raw − YZc) · VMax_c / (ADCMAX · YGc)} in the unit {@code YUc} (given here in mV or pA); records marked
 * REJECTED are read and listed in the metadata {@code wcp.rejectedRecords} (0-based). WinWCP does
 * not store the stimulus, so recordings have no command waveform. A file with a header and no records is a
 * recording with zero sweeps.
 */
public final class WcpReader implements RecordingReader {
    private static final Pattern DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4}) (\\d{1,2}):(\\d{2}):(\\d{2})");

    @Override public String format() {
        return "WCP";
    }

    /** WinWCP files by their first header key, or by name so a damaged .wcp gets a WinWCP error message. */
    @Override public boolean accepts(Path file, byte[] head) {
        if (head.length >= 4 && new String(head, 0, 4, StandardCharsets.US_ASCII).equalsIgnoreCase("VER=")) {
            return true;
        }
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wcp");
    }

    private record Channel(String name, String unit, int offset, double gain, double zero, double toWorking,
                           String workingUnit) { }

    @Override public Recording read(Path file, Progress progress) {
        try (FileBytes f = FileBytes.open(file, "header")) {
            return read(file, f, progress);
        } catch (PatchPinnException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RecordingFormatException(file, "unreadable WinWCP file (internal error: " + e + ")", e);
        }
    }

    private Recording read(Path file, FileBytes f, Progress progress) {
        WcpHeader h = WcpHeader.read(f);
        Map<String, String> keys = h.keys;
        int nc = h.channels;
        long np = h.samples;
        long nr = h.records;
        List<String> warnings = new ArrayList<>(h.warnings);
        double dt = recordInterval(f, h, warnings);
        List<Channel> channels = channels(f, h);
        for (int c = 0; c < nc; c++) {
            if (channels.get(c).zero() != 0) {
                warnings.add("channel " + c + " '" + channels.get(c).name() + "': its fixed zero level YZ" + c + "="
                        + keys.get("YZ" + c) + " is subtracted, as WinWCP displays it (neo and myokit do not)");
            }
        }
        Recording.Builder b = Recording.builder().source(file).format("WCP", h.versionText).sampleRateHz(1.0 / dt);
        for (Channel c : channels) {
            b.channel(c.name(), c.workingUnit());
        }
        StringBuilder starts = new StringBuilder();
        List<String> rejected = new ArrayList<>();
        if (np * nc * 2 > Integer.MAX_VALUE - 8) {
            throw f.error("records of " + np + " samples × " + nc + " channels are too long to hold in memory");
        }
        long recordBytes = h.analysisBytes + h.dataBytes;
        double adRange = WcpHeader.number(f, keys, "AD", 0);
        // One buffer and one int16 array for every record (each record is read into them in turn).
        ByteBuffer data = ByteBuffer.allocateDirect(nr == 0 ? 0 : (int) (np * nc * 2)).order(ByteOrder.LITTLE_ENDIAN);
        short[] all = new short[nr == 0 ? 0 : (int) (np * nc)];
        for (int r = 0; r < nr; r++) {
            progress.checkCancelled();
            long at = h.headerBytes + r * recordBytes;
            String status = f.asciiText(at, 8, "record " + (r + 1) + " status");
            double time = f.f32(at + 16, "record " + (r + 1) + " time");
            if (status.toUpperCase(Locale.ROOT).startsWith("REJECT")) {
                rejected.add(Integer.toString(r));
            }
            data.clear();
            f.read(at + h.analysisBytes, data);
            data.flip().asShortBuffer().get(all);
            double firstRange = f.f32(at + 24, "record " + (r + 1) + " VMax of channel 0");
            List<Trace> traces = new ArrayList<>(nc);
            for (int c = 0; c < nc; c++) {
                Channel ch = channels.get(c);
                double vmax = vmax(f, h, r, c, firstRange, adRange);
                double scale = vmax / (h.adcMax * ch.gain()) * ch.toWorking();
                float[] out = new float[(int) np];
                for (int i = 0, j = ch.offset(); i < np; i++, j += nc) {
                    out[i] = (float) ((all[j] - ch.zero()) * scale);
                }
                traces.add(Trace.wrap(out));
            }
            b.sweep(new Sweep(traces, null));
            starts.append(r == 0 ? "" : ",").append(Double.isFinite(time) ? String.format(Locale.ROOT, "%.6f", time)
                    : "NaN");
            progress.fraction((r + 1.0) / nr);
        }
        b.startTime(isoDate(keys.getOrDefault("CTIME", "")));
        b.metadata("sweepStartTimesS", starts.toString());
        if (!rejected.isEmpty()) {
            b.metadata("wcp.rejectedRecords", String.join(",", rejected));
        }
        String id = keys.getOrDefault("ID", "");
        if (!id.isEmpty()) {
            b.metadata("wcp.id", id);
        }
        warnings.forEach(b::warning);
        return b.build();
    }

    /**
     * The sample interval: each record stores its own (WinWCP plots a record with it), the header's DT stands in
     * where a record's is not a positive number. The first record's is used; records sampled at another
     * interval are refused, since a recording has one.
     */
    private static double recordInterval(FileBytes f, WcpHeader h, List<String> warnings) {
        double first = Double.NaN;
        long recordBytes = h.analysisBytes + h.dataBytes;
        for (int r = 0; r < h.records; r++) {
            double own = f.f32(h.headerBytes + r * recordBytes + 20, "record " + (r + 1) + " sample interval");
            double dt = own > 0 && own < 1e3 ? own : h.dt;
            if (Double.isNaN(dt)) {
                throw f.error("record " + (r + 1) + " has no sample interval (" + own + " s) and the header has no "
                        + "DT= line");
            }
            if (r == 0) {
                first = dt;
            } else if (Math.abs(dt - first) > 1e-4 * first) {
                throw f.error("record " + (r + 1) + " is sampled every " + dt + " s, record 1 every " + first
                        + " s: a recording has one sample interval, so records of different intervals are not read");
            }
        }
        if (Double.isNaN(first)) {
            if (Double.isNaN(h.dt)) {
                throw f.error("the header has no DT= line and no record gives a sample interval");
            }
            return h.dt;
        }
        if (Double.isNaN(h.dt) || Math.abs(first - h.dt) <= 1e-4 * h.dt) {
            return Double.isNaN(h.dt) ? first : h.dt;
        }
        warnings.add("the records are sampled every " + first + " s, the header says DT=" + h.dt
                + " s; the records' interval is used");
        return first;
    }

    /**
     * The A/D voltage range of channel {@code c} in record {@code r}: its own, else (0, or files before version
     * 6, which keep one range) channel 0's, else the header's AD, as WinWCP reads it.
     */
    private static double vmax(FileBytes f, WcpHeader h, int r, int c, double firstRange, double adRange) {
        double v = c == 0 ? firstRange : f.f32(h.headerBytes + r * (h.analysisBytes + h.dataBytes) + 24 + 4L * c,
                "record " + (r + 1) + " VMax of channel " + c);
        if (h.version < 6 || v == 0) {
            v = firstRange;
        }
        if (v == 0) {
            v = adRange;
        }
        if (!Double.isFinite(v) || v == 0) {
            throw f.error("record " + (r + 1) + ": A/D range of channel " + c + " is " + v
                    + ", and the header has no AD= range to use instead");
        }
        return v;
    }

    /**
     * The channels by their header keys; absent keys take WinWCP's defaults: unit mV, gain 1, zero 0, and the
     * channel's place in a scan c (WCP for DOS, before version 6) or NC−1−c (WinWCP files without YOc keys).
     */
    private static List<Channel> channels(FileBytes f, WcpHeader h) {
        Map<String, String> keys = h.keys;
        int nc = h.channels;
        List<Channel> out = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            int place = h.version >= 6 || h.version == 0 ? nc - 1 - c : c;
            int offset = (int) WcpHeader.integer(f, keys, "YO" + c, place, 0, nc - 1);
            String unit = keys.getOrDefault("YU" + c, "mV");
            double gain = WcpHeader.number(f, keys, "YG" + c, 1);
            if (gain == 0 || !Double.isFinite(gain)) {
                throw f.error("channel " + c + " has gain YG" + c + "=" + keys.get("YG" + c));
            }
            double zero = WcpHeader.number(f, keys, "YZ" + c, 0);
            double mv = Units.toMillivolts(unit);
            double pa = Units.toPicoamperes(unit);
            double scale = !Double.isNaN(mv) ? mv : !Double.isNaN(pa) ? pa : 1;
            String working = !Double.isNaN(mv) ? "mV" : !Double.isNaN(pa) ? "pA" : unit;
            out.add(new Channel(keys.getOrDefault("YN" + c, "Ch." + c), unit, offset, gain, zero, scale, working));
        }
        return out;
    }

    /** CTIME ("dd/mm/yyyy hh:mm:ss") as ISO-8601, "" when it has another form. */
    private static String isoDate(String ctime) {
        Matcher m = DATE.matcher(ctime.strip());
        if (!m.matches()) {
            return "";
        }
        return String.format(Locale.ROOT, "%s-%02d-%02dT%02d:%s:%s", m.group(3), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(4)), m.group(5), m.group(6));
    }
}
