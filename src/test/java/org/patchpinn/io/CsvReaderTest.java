package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.ClampMode;
import org.patchpinn.trace.Recording;

class CsvReaderTest {
    @TempDir
    Path tmp;

    @Test
    void oneSweepCurrentClampWithCommand() throws IOException {
        Recording r = Recordings.open(write("a.csv", "# protocol: steps\n# cell = 3\n"
                + "time (ms),Vm (mV),I (pA)\n0,-65,0\n0.05,-64.5,100\n0.1,-64,100\n"));
        assertEquals("CSV", r.format());
        assertEquals(20000.0, r.sampleRateHz());
        assertEquals(1, r.sweepCount());
        assertEquals("Vm", r.channel(0).name());
        assertEquals("pA", r.commandUnit());
        assertEquals(100.0, r.sweep(0).command().get(2));
        assertEquals(-64.0, r.sweep(0).channel(0).get(2));
        assertEquals("steps", r.protocol());
        assertEquals("3", r.metadata().get("cell"));
        assertEquals(ClampMode.CURRENT_CLAMP, r.clampMode());
    }

    @Test
    void tsvWithBracketUnitsSecondsAndVoltageClamp() throws IOException {
        Recording r = Recordings.open(write("a.tsv", "t [s]\tI [nA]\tV [mV]\r\n0\t-0.1\t-70\r\n0.001\t-0.2\t-80\r\n"));
        assertEquals("TSV", r.format());
        assertEquals(1000.0, r.sampleRateHz());
        assertEquals("pA", r.channel(0).unit());
        assertEquals(-200.0, r.sweep(0).channel(0).get(1), 1e-4);
        assertEquals("mV", r.commandUnit());
        assertEquals(ClampMode.VOLTAGE_CLAMP, r.clampMode());
    }

    @Test
    void multiSweepConvention() throws IOException {
        Recording r = Recordings.open(write("m.csv", "time (ms),V_sweep0 (mV),I_sweep0 (pA),V_sweep1 (mV),I_sweep1 (pA)\n"
                + "0,1,10,2,20\n0.1,1.5,10,2.5,20\n"));
        assertEquals(2, r.sweepCount());
        assertEquals(1, r.channelCount());
        assertEquals("V", r.channel(0).name());
        assertEquals(2.5, r.sweep(1).channel(0).get(1));
        assertEquals(20.0, r.sweep(1).command().get(1));
    }

    @Test
    void noCommandWhenSignalsAreAllVoltages() throws IOException {
        Recording r = Recordings.open(write("v.csv", "time (ms),V1 (mV),V2 (mV)\n0,1,2\n1,1,2\n"));
        assertEquals(2, r.channelCount());
        assertNull(r.sweep(0).command());
        assertFalse(r.hasCommand());
    }

    @Test
    void readsBackTheExporterOutput() throws IOException {
        Recording r = Recordings.open(SharedData.path("bench/public/squid_steps.atf"));
        Path f = tmp.resolve("sweep_2.csv");
        try (OutputStream out = Files.newOutputStream(f)) {
            SweepCsvExporter.write(r, 2, out);
        }
        Recording back = Recordings.open(f);
        assertEquals(r.sampleRateHz(), back.sampleRateHz());
        assertEquals(r.channels(), back.channels());
        assertEquals(r.commandUnit(), back.commandUnit());
        assertEquals(r.sweep(2).channel(0), back.sweep(0).channel(0));
        assertEquals(r.sweep(2).command(), back.sweep(0).command());
    }

    /** Float time columns lose the 0.05 ms spacing after ~26 s; the exporter must write exact times. */
    @Test
    void longExportKeepsEvenTimeSpacing() throws IOException {
        float[] v = new float[600_000];
        Recording r = Recording.builder().format("simulated", "").sampleRateHz(20000).channel("Vm", "mV")
                .sweep(new org.patchpinn.trace.Sweep(java.util.List.of(org.patchpinn.trace.Trace.wrap(v)), null)).build();
        Path f = tmp.resolve("long.csv");
        try (OutputStream out = Files.newOutputStream(f)) {
            SweepCsvExporter.write(r, 0, out);
        }
        Recording back = Recordings.open(f);
        assertEquals(20000.0, back.sampleRateHz());
        assertEquals(600_000, back.sweepLength());
    }

    /** 30 kHz written with two decimals in ms: uneven text steps (0.03, 0.04) but even sampling. */
    @Test
    void coarselyRoundedTimesAreNotUnevenSampling() throws IOException {
        StringBuilder sb = new StringBuilder("time (ms),V (mV)\n");
        for (int i = 0; i < 3000; i++) {
            sb.append(String.format(java.util.Locale.ROOT, "%.2f,%d%n", i / 30.0, i));
        }
        Recording r = Recordings.open(write("coarse.csv", sb.toString()));
        assertEquals(30000.0, r.sampleRateHz(), 30000 * 1e-4); // 0.005 ms rounding over 100 ms
    }

    @Test
    void badInputNamesFileLineAndReason() throws IOException {
        expect("empty.csv", "", "file is empty");
        expect("a.csv", "# only a comment\n", "no header row");
        expect("a.csv", "time,V,I\n0,1,2\n", "line 1, column 1: the first column must be time with its unit");
        expect("a.csv", "0,1,2\n1,2,3\n", "line 1, column 1: the first row is numbers, not a header");
        expect("a.csv", "time (ms),V,I (pA)\n0,1,2\n", "line 1, column 2 ('V'): no unit");
        expect("a.csv", "time (ms),V (mV),T (degC)\n0,1,2\n", "line 1, column 3 ('T (degC)'): unit 'degC'");
        expect("a.csv", "time (ms),V (mV)\n0,1\n0.1,x\n", "line 3, column 2: not a number: 'x'");
        expect("a.csv", "time (ms),V (mV)\n0,1\n0.1,\n", "line 3, column 2: empty cell");
        expect("a.csv", "time (ms),V (mV)\n0,1\n0.1,1,5\n", "line 3: row has 3 fields, the header declares 2");
        expect("a.csv", "time (ms),V (mV)\n0,1\n0.1\n", "line 3: row has 1 fields");
        expect("a.csv", "time (ms),V (mV)\n0,1\n0.1,1\n0.3,1\n", "line 4: time column is not evenly spaced");
        expect("a.csv", "time (ms),V_sweep0 (mV),V_sweep0 (mV)\n0,1,1\n0.1,1,1\n", "are both sweep 0");
        expect("a.csv", "time (ms),V_sweep0 (mV),V_sweep1 (mV),I_sweep0 (pA)\n0,1,1,1\n0.1,1,1,1\n",
                "has 2 sweep columns but signal 'I' has 1");
        expect("a.csv", "\"time (ms),V (mV)\n0,1\n", "unterminated quoted text");
    }

    private void expect(String name, String content, String message) throws IOException {
        Path f = write(name, content);
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(f), content);
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    private Path write(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }
}
