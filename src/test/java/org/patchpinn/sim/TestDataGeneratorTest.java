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
            Path atf = Path.of("test-data", d.name() + ".atf");
            total += Files.size(atf);
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
                int spikes = ReferenceSolution.spikeTimes(a, fresh.dtMs()).size();
                assertTrue(spikes >= 1, d.name() + " sweep " + k + " has no spike");
            }
            JsonObject truth = JsonParser.parseString(Files.readString(Path.of("test-data", d.name()
                    + ".truth.json"))).getAsJsonObject();
            assertEquals(TestDataGenerator.truth(d), truth, d.name());
        }
        assertTrue(total < 2_000_000, "test-data too large: " + total);
    }
}
