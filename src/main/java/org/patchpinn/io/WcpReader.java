package org.patchpinn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * WinWCP (Strathclyde Electrophysiology Software) reader, format versions 8 and 9: a text header of
 * {@code KEY=value} lines (numbers with a decimal point or, as version 8 writes them, a decimal comma), then
 * {@code NR} records, each an analysis block (status, type, time, sample interval, and the A/D voltage range
 * {@code VMax} of every channel) followed by a data block of interleaved int16 samples. A sample of channel c is
 * {@code (raw − YZc) · VMax_c / (ADCMAX · YGc)} in the unit {@code YUc} (given here in mV or pA). WinWCP does
 * not store the stimulus, so recordings have no command waveform. A file with a header and no records is a
 * recording with zero sweeps.
 */
public final class WcpReader implements RecordingReader {
    private static final int SECTOR = 512;
    private static final int MAX_CHANNELS = 128;
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
        if (f.size() == 0) {
            throw f.error("file is empty");
        }
        Map<String, String> h = header(f, (int) Math.min(f.size(), 1024));
        long headerBytes = integer(f, h, "NBH", 1024, SECTOR, 1 << 24);
        if (headerBytes % SECTOR != 0) {
            throw f.error("header size NBH=" + headerBytes + " is not a whole number of 512-byte sectors");
        }
        if (headerBytes > 1024) {
            if (headerBytes > f.size()) {
                throw f.error("header of " + headerBytes + " bytes (NBH) is longer than the file (" + f.size()
                        + " bytes)");
            }
            h = header(f, (int) headerBytes);
        }
        List<String> warnings = new ArrayList<>();
        String version = h.getOrDefault("VER", "");
        if (!version.equals("8") && !version.equals("9")) {
            warnings.add("WinWCP format version " + version + " is untested (versions 8 and 9 are)");
        }
        int nc = (int) integer(f, h, "NC", -1, 1, MAX_CHANNELS);
        long nr = integer(f, h, "NR", -1, 0, Integer.MAX_VALUE);
        long nba = integer(f, h, "NBA", 2, 1, 1 << 16);
        long nbd = integer(f, h, "NBD", -1, 1, 1 << 22);
        long adcMax = integer(f, h, "ADCMAX", 2047, 1, 1 << 30);
        double dt = number(f, h, "DT", Double.NaN);
        if (!(dt > 0) || dt > 1e3) {
            throw f.error("impossible sample interval DT=" + h.get("DT") + " s");
        }
        long dataBlock = nbd * SECTOR;
        long np = h.containsKey("NP") ? integer(f, h, "NP", -1, 0, Integer.MAX_VALUE) : dataBlock / (2L * nc);
        if (np * nc * 2 > dataBlock) {
            throw f.error(np + " samples of " + nc + " channels (NP) do not fit a data block of " + dataBlock
                    + " bytes (NBD)");
        }
        long analysisBlock = nba * SECTOR;
        if (24 + 4L * nc > analysisBlock) {
            throw f.error("an analysis block of " + analysisBlock + " bytes (NBA) cannot hold " + nc + " channels");
        }
        long recordBytes = analysisBlock + dataBlock;
        if (nr > 0 && headerBytes + nr * recordBytes > f.size()) {
            long whole = Math.max(0, (f.size() - headerBytes) / recordBytes);
            throw f.error("the header lists " + nr + " records of " + recordBytes + " bytes, the file holds "
                    + whole + " (" + f.size() + " bytes): the file is truncated or its header is corrupt");
        }
        List<Channel> channels = channels(f, h, nc);
        Recording.Builder b = Recording.builder().source(file).format("WCP", version).sampleRateHz(1.0 / dt);
        for (Channel c : channels) {
            b.channel(c.name(), c.workingUnit());
        }
        StringBuilder starts = new StringBuilder();
        List<String> rejected = new ArrayList<>();
        if (np * nc * 2 > Integer.MAX_VALUE - 8) {
            throw f.error("records of " + np + " samples × " + nc + " channels are too long to hold in memory");
        }
        // One buffer and one int16 array for every record (each record is read into them in turn).
        ByteBuffer data = ByteBuffer.allocateDirect(nr == 0 ? 0 : (int) (np * nc * 2)).order(ByteOrder.LITTLE_ENDIAN);
        short[] all = new short[nr == 0 ? 0 : (int) (np * nc)];
        for (int r = 0; r < nr; r++) {
            progress.checkCancelled();
            long at = headerBytes + r * recordBytes;
            String status = f.asciiText(at, 8, "record " + (r + 1) + " status");
            double time = f.f32(at + 16, "record " + (r + 1) + " time");
            double recordDt = f.f32(at + 20, "record " + (r + 1) + " sample interval");
            if (Math.abs(recordDt - dt) > 1e-4 * dt && warnings.stream().noneMatch(w -> w.contains("sampled every"))) {
                warnings.add("record " + (r + 1) + " is sampled every " + recordDt + " s, the header says " + dt
                        + " s; the header's interval is used");
            }
            if (status.toUpperCase(Locale.ROOT).startsWith("REJECT")) {
                rejected.add(Integer.toString(r));
            }
            data.clear();
            f.read(at + analysisBlock, data);
            data.flip().asShortBuffer().get(all);
            List<Trace> traces = new ArrayList<>(nc);
            for (int c = 0; c < nc; c++) {
                Channel ch = channels.get(c);
                double vmax = f.f32(at + 24 + 4L * c, "record " + (r + 1) + " VMax of channel " + c);
                if (!Double.isFinite(vmax)) {
                    throw f.error("record " + (r + 1) + ": A/D range of channel " + c + " is not a number");
                }
                double scale = vmax / (adcMax * ch.gain()) * ch.toWorking();
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
        b.startTime(isoDate(h.getOrDefault("CTIME", "")));
        b.metadata("sweepStartTimesS", starts.toString());
        if (!rejected.isEmpty()) {
            b.metadata("wcp.rejectedRecords", String.join(",", rejected));
        }
        String id = h.getOrDefault("ID", "");
        if (!id.isEmpty()) {
            b.metadata("wcp.id", id);
        }
        warnings.forEach(b::warning);
        return b.build();
    }

    private static List<Channel> channels(FileBytes f, Map<String, String> h, int nc) {
        List<Channel> out = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            int offset = (int) integer(f, h, "YO" + c, c, 0, nc - 1);
            String unit = h.getOrDefault("YU" + c, "");
            double gain = number(f, h, "YG" + c, 1);
            if (gain == 0 || !Double.isFinite(gain)) {
                throw f.error("channel " + c + " has gain YG" + c + "=" + h.get("YG" + c));
            }
            double zero = number(f, h, "YZ" + c, 0);
            double mv = Units.toMillivolts(unit);
            double pa = Units.toPicoamperes(unit);
            double scale = !Double.isNaN(mv) ? mv : !Double.isNaN(pa) ? pa : 1;
            String working = !Double.isNaN(mv) ? "mV" : !Double.isNaN(pa) ? "pA" : unit;
            out.add(new Channel(h.getOrDefault("YN" + c, "Ch." + c), unit, offset, gain, zero, scale, working));
        }
        return out;
    }

    /** The {@code KEY=value} lines of the first {@code length} bytes (up to the first NUL). */
    private static Map<String, String> header(FileBytes f, int length) {
        byte[] raw = f.bytes(0, length, "header");
        int n = 0;
        while (n < raw.length && raw[n] != 0) {
            n++;
        }
        String text = new String(raw, 0, n, StandardCharsets.ISO_8859_1);
        Map<String, String> h = new LinkedHashMap<>();
        for (String line : text.split("\r?\n|\r")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                h.putIfAbsent(line.substring(0, eq).strip().toUpperCase(Locale.ROOT), line.substring(eq + 1).strip());
            }
        }
        if (!h.containsKey("VER")) {
            throw f.error("not a WinWCP file: its header has no VER= line");
        }
        return h;
    }

    private static double number(FileBytes f, Map<String, String> h, String key, double absent) {
        String v = h.get(key);
        if (v == null || v.isEmpty()) {
            if (Double.isNaN(absent)) {
                throw f.error("the header has no " + key + "= line");
            }
            return absent;
        }
        try {
            return Double.parseDouble(v.replace(',', '.'));
        } catch (NumberFormatException e) {
            throw f.error("header value " + key + "=" + v + " is not a number");
        }
    }

    /** An integer header value within [min, max]; {@code absent} < min means the key is required. */
    private static long integer(FileBytes f, Map<String, String> h, String key, long absent, long min, long max) {
        double d = number(f, h, key, absent < min ? Double.NaN : absent);
        if (d != Math.rint(d) || d < min || d > max) {
            throw f.error("header value " + key + "=" + h.get(key) + " is not a whole number from " + min + " to "
                    + max);
        }
        return (long) d;
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
