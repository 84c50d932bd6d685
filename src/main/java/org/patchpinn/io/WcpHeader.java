package org.patchpinn.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text header of a WinWCP file ({@code KEY=value} lines) and the layout it implies, with the defaults
 * WinWCP's own reader applies where older files leave a key out: ADCMAX 2047 (also for ADCMAX=0), header and
 * analysis blocks of {@code ((NC−1) div 8 + 1) × 1024} bytes, NP from the data block, NR from the file size when it
 * is 0 (files that lost their record count). The channels' keys are read by {@link WcpReader}.
 * NBH is bytes as WinWCP writes it ({@code NBH=1024}) or sectors as WinEDR's WCP export writes it ({@code NBH=2});
 * where records exist the reading whose first record starts with a record status ("ACCEPTED"/"REJECTED") wins.
 */
final class WcpHeader {
    static final int SECTOR = 512;
    private static final int MAX_CHANNELS = 128;
    private static final int STATUS_BYTES = 4;

    final Map<String, String> keys;
    final String versionText;
    final double version;
    final int channels;
    final long headerBytes;
    final long analysisBytes;
    final long dataBytes;
    final long samples;
    final long records;
    final long adcMax;
    /** The header's sample interval DT in s, NaN when the header has none. */
    final double dt;
    final List<String> warnings;

    private WcpHeader(FileBytes f) {
        Map<String, String> h = parse(f, (int) Math.min(f.size(), 1024));
        List<String> notes = new ArrayList<>();
        versionText = h.getOrDefault("VER", "");
        version = number(f, h, "VER", 0);
        if (!(version >= 6 && version <= 9)) {
            notes.add("WinWCP format version " + versionText + " is untested (versions 6 to 9 are read)");
        }
        channels = (int) integer(f, h, "NC", -1, 1, MAX_CHANNELS);
        long blocks = ((channels - 1) / 8 + 1) * 1024L;
        long nbd = integer(f, h, "NBD", -1, 1, 1 << 22);
        dataBytes = nbd * SECTOR;
        long nba = integer(f, h, "NBA", blocks / SECTOR, 1, 1 << 16);
        analysisBytes = nba * SECTOR;
        if (24 + 4L * channels > analysisBytes) {
            throw f.error("an analysis block of " + analysisBytes + " bytes (NBA) cannot hold " + channels
                    + " channels");
        }
        headerBytes = headerBytes(f, h, blocks, notes);
        if (headerBytes > 1024) {
            h = parse(f, (int) headerBytes);
        }
        keys = h;
        long recordBytes = analysisBytes + dataBytes;
        long nr = integer(f, h, "NR", 0, 0, Integer.MAX_VALUE);
        long whole = Math.max(0, (f.size() - headerBytes) / recordBytes);
        if (nr == 0 && whole > 0) {
            notes.add("the header lists no records (NR=" + h.getOrDefault("NR", "absent") + ") but the file holds "
                    + whole + "; all " + whole + " are read, as WinWCP does");
            nr = whole;
        }
        if (nr > whole) {
            throw f.error("the header lists " + nr + " records of " + recordBytes + " bytes, the file holds "
                    + whole + " (" + f.size() + " bytes): the file is truncated or its header is corrupt");
        }
        records = nr;
        long adc = integer(f, h, "ADCMAX", 2047, 0, 1 << 30);
        adcMax = adc == 0 ? 2047 : adc;
        // Without DT= the records' own intervals stand (WinWCP's reader keeps them); NaN marks it absent.
        dt = h.containsKey("DT") ? number(f, h, "DT", Double.NaN) : Double.NaN;
        if (h.containsKey("DT") && (!(dt > 0) || dt > 1e3)) {
            throw f.error("impossible sample interval DT=" + h.get("DT") + " s");
        }
        samples = h.containsKey("NP") ? integer(f, h, "NP", -1, 0, Integer.MAX_VALUE) : dataBytes / (2L * channels);
        if (samples * channels * 2 > dataBytes) {
            throw f.error(samples + " samples of " + channels + " channels (NP) do not fit a data block of "
                    + dataBytes + " bytes (NBD)");
        }
        warnings = List.copyOf(notes);
    }

    /** Reads and checks the header of {@code f}. */
    static WcpHeader read(FileBytes f) {
        if (f.size() == 0) {
            throw f.error("file is empty");
        }
        return new WcpHeader(f);
    }

    /**
     * The header size: NBH read as bytes (≥ 512) or as sectors (< 512), else the size for the channel count;
     * among the readings that fit the file, the first whose first record begins with a status wins.
     */
    private static long headerBytes(FileBytes f, Map<String, String> h, long forChannels, List<String> notes) {
        List<Long> candidates = new ArrayList<>();
        long declared = -1;
        if (h.containsKey("NBH")) {
            long nbh = integer(f, h, "NBH", -1, 1, 1 << 24);
            declared = nbh >= SECTOR ? nbh : nbh * SECTOR;
            candidates.add(declared);
        }
        candidates.add(forChannels);
        long chosen = -1;
        for (long c : candidates) {
            if (c % SECTOR != 0 || c > f.size()) {
                continue;
            }
            if (chosen < 0) {
                chosen = c;
            }
            if (c + STATUS_BYTES <= f.size() && isStatus(f.asciiText(c, STATUS_BYTES, "record 1 status"))) {
                chosen = c;
                break;
            }
        }
        if (chosen < 0) {
            throw f.error("header size NBH=" + h.get("NBH") + " is not a whole number of 512-byte sectors within "
                    + "the file (" + f.size() + " bytes)");
        }
        if (declared >= 0 && chosen != declared) {
            notes.add("header size NBH=" + h.get("NBH") + " does not lead to the first record; the first record "
                    + "is at byte " + chosen + " (the header size for " + h.get("NC") + " channels) and is read there");
        }
        return chosen;
    }

    private static boolean isStatus(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        return u.equals("ACCE") || u.equals("REJE");
    }

    /** The {@code KEY=value} lines of the first {@code length} bytes (up to the first NUL), keys upper-case. */
    private static Map<String, String> parse(FileBytes f, int length) {
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

    /** A number with a decimal point or comma; {@code absent} when the key is missing (NaN: required). */
    static double number(FileBytes f, Map<String, String> h, String key, double absent) {
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
    static long integer(FileBytes f, Map<String, String> h, String key, long absent, long min, long max) {
        double d = number(f, h, key, absent < min ? Double.NaN : absent);
        if (d != Math.rint(d) || d < min || d > max) {
            throw f.error("header value " + key + "=" + h.get(key) + " is not a whole number from " + min + " to "
                    + max);
        }
        return (long) d;
    }
}
