package org.patchpinn.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.patchpinn.io.Recordings;
import org.patchpinn.trace.Recording;

/** The committed test-data/ files are what the generator produces, and they look like what they claim. */
class TestDataGeneratorTest {

    @Test
    void committedFilesMatchTheGenerator() throws Exception {
        long total = 0;
        for (TestDataGenerator.DataSet d : TestDataGenerator.dataSets()) {
            total += checkRecording(Path.of("test-data"), d, TestDataGenerator.truth(d), 0);
        }
        assertTrue(total < 2_000_000, "test-data too large: " + total);
    }

    @Test
    void committedGlucoseSetMatchesTheGenerator() throws Exception {
        Path folder = Path.of("test-data", GlucoseTestData.FOLDER);
        long total = 0;
        for (GlucoseTestData.Entry e : GlucoseTestData.entries()) {
            // the 150 pA sweep may stay silent at low glucose (large extra K conductance); 300 pA must fire
            total += checkRecording(folder, e.dataSet(), e.truth(), 1);
            assertEquals(GlucoseTestData.gxNs(e.glucoseMm()),
                    e.dataSet().params()[e.dataSet().model().indexOf("gX")], 1e-12);
        }
        assertEquals(GlucoseTestData.manifest(), Files.readString(folder.resolve("manifest.csv")));
        assertEquals(6, GlucoseTestData.entries().size());
        assertTrue(total < 1_200_000, "test-data/glucose too large: " + total);
        // the two cells differ in leak, as real cells do
        var cells = GlucoseTestData.entries().stream().filter(e -> e.glucoseMm() == 0.5).toList();
        int gL = cells.get(0).dataSet().model().indexOf("gL");
        assertTrue(Math.abs(cells.get(0).dataSet().params()[gL] - cells.get(1).dataSet().params()[gL]) > 0.5);
    }

    @Test
    void committedLawTableMatchesTheGenerator() throws Exception {
        Path folder = Path.of("test-data", LawTestData.FOLDER);
        String csv = Files.readString(folder.resolve(LawTestData.NAME + ".csv"));
        assertEquals(LawTestData.csv(), csv);
        String[] lines = csv.strip().split("\n");
        assertEquals(62, lines.length);
        double worst = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            worst = Math.max(worst, Math.abs(Double.parseDouble(f[1]) - LawTestData.law(Double.parseDouble(f[0]))));
        }
        assertTrue(worst > 0.005 && worst < 0.05, "noise around the law: " + worst);
        assertEquals(LawTestData.truth(), JsonParser.parseString(Files.readString(folder.resolve(LawTestData.NAME
                + ".truth.json"))).getAsJsonObject());
    }

    /** Compares one committed ATF + truth with the generator; sweeps from firstSpiking on must fire. */
    private static long checkRecording(Path folder, TestDataGenerator.DataSet d, JsonObject expectedTruth,
                                       int firstSpiking) throws Exception {
        Path atf = folder.resolve(d.name() + ".atf");
        Recording committed = Recordings.open(atf);
        Recording fresh = d.recording();
        assertEquals(fresh.sweepCount(), committed.sweepCount(), d.name());
        assertEquals(fresh.dtMs(), committed.dtMs(), 1e-9, d.name());
        for (int k = 0; k < fresh.sweepCount(); k++) {
            double[] a = fresh.sweep(k).channel(0).toDoubleArray();
            double[] b = committed.sweep(k).channel(0).toDoubleArray();
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-3, d.name() + " sweep " + k + " sample " + i);
            }
            assertEquals(d.amplitudesPa()[k], committed.sweep(k).command().get((int) ((d.stepStartMs() + 1)
                    / d.dtMs())), 1e-6);
            if (k >= firstSpiking) {
                int spikes = ReferenceSolution.spikeTimes(a, fresh.dtMs()).size();
                assertTrue(spikes >= 1, d.name() + " sweep " + k + " has no spike");
            }
        }
        JsonObject truth = JsonParser.parseString(Files.readString(folder.resolve(d.name() + ".truth.json")))
                .getAsJsonObject();
        assertEquals(expectedTruth, truth, d.name());
        return Files.size(atf);
    }
}
