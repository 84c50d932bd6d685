package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.trace.Recording;

/**
 * WinWCP files as older versions and other writers leave them, written here byte by byte: keys left out (YOc,
 * YUc, ADCMAX, NBA), NBH in sectors, a lost record count, per-channel ranges of 0, more than 8 channels, rejected
 * records and records at another sample interval. Expected values follow WinWCP's own reading of such files.
 */
class WcpVariantsTest {
    @TempDir
    Path tmp;

    /** A file: header keys, and per record its status, sample interval, per-channel VMax and raw int16 scans. */
    private static final class Wcp {
        final Map<String, String> keys = new LinkedHashMap<>();
        int headerBytes = 1024;
        int analysisBytes = 1024;
        int channels;
        int samples;
        String[] status;
        float[] dt;
        float[][] vmax;
        short[][] raw;

        Wcp(int channels, int samples, int records) {
            this.channels = channels;
            this.samples = samples;
            status = new String[records];
            dt = new float[records];
            vmax = new float[records][channels];
            raw = new short[records][channels * samples];
            Arrays.fill(status, "ACCEPTED");
            Arrays.fill(dt, 1e-4f);
            for (int r = 0; r < records; r++) {
                Arrays.fill(vmax[r], 10f);
                for (int i = 0; i < raw[r].length; i++) {
                    raw[r][i] = (short) (100 * r + i);
                }
            }
            keys.put("VER", "9");
            keys.put("NC", Integer.toString(channels));
            keys.put("NR", Integer.toString(records));
            keys.put("NBD", Integer.toString((2 * channels * samples + 511) / 512));
            keys.put("DT", "0.0001");
        }

        Path write(Path file) throws IOException {
            StringBuilder text = new StringBuilder();
            keys.forEach((k, v) -> text.append(k).append('=').append(v).append("\r\n"));
            byte[] t = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            int dataBytes = 512 * Integer.parseInt(keys.get("NBD"));
            ByteBuffer b = ByteBuffer.allocate(headerBytes + status.length * (analysisBytes + dataBytes))
                    .order(ByteOrder.LITTLE_ENDIAN);
            b.put(0, t);
            for (int r = 0; r < status.length; r++) {
                int at = headerBytes + r * (analysisBytes + dataBytes);
                b.put(at, status[r].getBytes(StandardCharsets.US_ASCII));
                b.put(at + 8, "TEST".getBytes(StandardCharsets.US_ASCII));
                b.putFloat(at + 16, 2.5f * r);
                b.putFloat(at + 20, dt[r]);
                for (int c = 0; c < channels; c++) {
                    b.putFloat(at + 24 + 4 * c, vmax[r][c]);
                }
                for (int i = 0; i < raw[r].length; i++) {
                    b.putShort(at + analysisBytes + 2 * i, raw[r][i]);
                }
            }
            Files.write(file, b.array());
            return file;
        }
    }

    @Test
    void keysOfOlderFilesTakeWinWcpDefaults() throws IOException {
        // No YOc (channels stored in descending order), no YUc (mV), no ADCMAX (2047), no NBA (2 sectors), no NP.
        Wcp w = new Wcp(2, 256, 2);
        w.keys.put("VER", "6.1");
        w.keys.put("YG0", "0,5");
        w.keys.put("YG1", "2");
        Recording r = Recordings.open(w.write(tmp.resolve("v6.wcp")));
        assertEquals(2, r.sweepCount());
        assertEquals("mV", r.channel(0).unit());
        assertEquals(256, r.sweepLength());
        assertEquals(10000.0, r.sampleRateHz(), 1e-6);
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 256; i += 51) {
                // channel 0 is the second value of each scan, channel 1 the first
                assertEquals(w.raw[k][2 * i + 1] * 10 / (2047 * 0.5), r.sweep(k).channel(0).get(i), 1e-4);
                assertEquals(w.raw[k][2 * i] * 10 / (2047 * 2.0), r.sweep(k).channel(1).get(i), 1e-4);
            }
        }
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        w.keys.put("YZ1", "100");
        Recording zeroed = Recordings.open(w.write(tmp.resolve("yz.wcp")));
        assertEquals((w.raw[1][2 * 99] - 100) * 10 / (2047 * 2.0), zeroed.sweep(1).channel(1).get(99), 1e-4);
        assertTrue(zeroed.warnings().stream().anyMatch(s -> s.contains("YZ1=100")), zeroed.warnings().toString());
        w.keys.remove("YZ1");
        w.keys.put("ADCMAX", "0");
        Recording zero = Recordings.open(w.write(tmp.resolve("adcmax0.wcp")));
        assertEquals(r.sweep(1).channel(1).get(99), zero.sweep(1).channel(1).get(99));
    }

    @Test
    void headerSizeInSectorsAndALostRecordCount() throws IOException {
        Wcp w = new Wcp(1, 300, 3);
        w.keys.put("NBH", "2");
        w.keys.put("NR", "0");
        w.keys.put("ADCMAX", "32767");
        w.keys.put("YO0", "0");
        w.keys.put("YU0", "pA");
        w.keys.put("YG0", "0.001");
        Recording r = Recordings.open(w.write(tmp.resolve("sectors.wcp")));
        assertEquals(3, r.sweepCount());
        assertEquals(w.raw[2][299] * 10 / (32767 * 0.001), r.sweep(2).channel(0).get(299), 1e-3);
        assertTrue(r.warnings().stream().anyMatch(s -> s.contains("NR=0") && s.contains("3")), r.warnings().toString());
    }

    @Test
    void aRangeOfZeroIsChannelZerosAndOldFilesKeepOneRange() throws IOException {
        Wcp w = new Wcp(2, 100, 1);
        w.keys.put("YO0", "0");
        w.keys.put("YO1", "1");
        w.vmax[0][0] = 5f;
        w.vmax[0][1] = 0f;
        Recording r = Recordings.open(w.write(tmp.resolve("zero-range.wcp")));
        assertEquals(w.raw[0][2 * 7 + 1] * 5 / 2047.0, r.sweep(0).channel(1).get(7), 1e-5);

        w.vmax[0][1] = 20f;
        w.keys.put("VER", "5");
        Recording old = Recordings.open(w.write(tmp.resolve("v5.wcp")));
        assertEquals(w.raw[0][2 * 7 + 1] * 5 / 2047.0, old.sweep(0).channel(1).get(7), 1e-5);
        assertTrue(old.warnings().stream().anyMatch(s -> s.contains("version 5")), old.warnings().toString());

        w.keys.put("VER", "9");
        w.vmax[0][0] = 0f;
        w.vmax[0][1] = 0f;
        Path none = w.write(tmp.resolve("no-range.wcp"));
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(none));
        assertTrue(e.getMessage().startsWith(none.toString()) && e.getMessage().contains("A/D range"), e.getMessage());
        w.keys.put("AD", "2,5");
        Recording ad = Recordings.open(w.write(tmp.resolve("ad-range.wcp")));
        assertEquals(w.raw[0][2 * 7] * 2.5 / 2047.0, ad.sweep(0).channel(0).get(7), 1e-5);
    }

    @Test
    void nineChannelsHaveTwoKilobyteHeaderAndAnalysisBlocks() throws IOException {
        Wcp w = new Wcp(9, 64, 2);
        w.headerBytes = 2048;
        w.analysisBytes = 2048;
        w.keys.put("NBH", "2048");
        for (int c = 0; c < 9; c++) {
            w.keys.put("YO" + c, Integer.toString(c));
            w.keys.put("YN" + c, "In" + c);
            w.vmax[1][c] = c + 1f;
        }
        Recording r = Recordings.open(w.write(tmp.resolve("nine.wcp")));
        assertEquals(9, r.channelCount());
        assertEquals("In8", r.channel(8).name());
        assertEquals(w.raw[1][9 * 10 + 8] * 9.0 / 2047, r.sweep(1).channel(8).get(10), 1e-4);
    }

    @Test
    void rejectedRecordsAreListedAndIntervalsComeFromTheRecords() throws IOException {
        Wcp w = new Wcp(1, 50, 3);
        w.status[1] = "REJECTED";
        Arrays.fill(w.dt, 2e-4f);
        Recording r = Recordings.open(w.write(tmp.resolve("records.wcp")));
        assertEquals("1", r.metadata().get("wcp.rejectedRecords"));
        assertEquals(5000.0, r.sampleRateHz(), 1e-2);
        assertTrue(r.warnings().stream().anyMatch(s -> s.contains("DT=")), r.warnings().toString());

        w.keys.remove("DT");
        Recording noDt = Recordings.open(w.write(tmp.resolve("no-dt.wcp")));
        assertEquals(5000.0, noDt.sampleRateHz(), 1e-2);
        assertTrue(noDt.warnings().isEmpty(), noDt.warnings().toString());
        w.dt[0] = 0f;
        Path none = w.write(tmp.resolve("no-interval.wcp"));
        RecordingFormatException n = assertThrows(RecordingFormatException.class, () -> Recordings.open(none));
        assertTrue(n.getMessage().startsWith(none.toString()) && n.getMessage().contains("DT="), n.getMessage());
        w.keys.put("DT", "0.0001");
        w.dt[0] = 2e-4f;

        w.dt[2] = 1e-4f;
        Path mixed = w.write(tmp.resolve("mixed.wcp"));
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(mixed));
        assertTrue(e.getMessage().startsWith(mixed.toString()) && e.getMessage().contains("record 3"), e.getMessage());
    }
}
