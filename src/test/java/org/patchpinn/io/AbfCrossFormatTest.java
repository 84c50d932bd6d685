package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;

/** myokit's ABF test files (ABF 1.65 and 2.0) against pyABF, and the 4-channel recording in both formats. */
class AbfCrossFormatTest {
    @ParameterizedTest
    @ValueSource(strings = {"abf-v1.abf", "abf-v2.abf"})
    void myokitFilesMatchPyAbf(String name) throws IOException {
        JsonObject ref = AbfReferenceTest.json("data/other/myokit/other_myokit_refs.json").getAsJsonObject(name);
        Path file = SharedData.path("data/other/myokit/" + name);
        Recording r = Recordings.open(file);
        AbfHeader h = AbfReferenceTest.header(file);
        assertEquals(ref.get("abfVersion").getAsString(), r.formatVersion());
        assertEquals(ref.get("sweepCount").getAsInt(), r.sweepCount());
        assertEquals(ref.get("channelCount").getAsInt(), r.channelCount());
        assertEquals(ref.get("sampleRate").getAsDouble(), r.sampleRateHz(), 0);
        assertEquals(ref.get("protocol").getAsString(), r.protocol());
        JsonArray adcUnits = ref.getAsJsonArray("adcUnits");
        for (int c = 0; c < adcUnits.size(); c++) {
            assertEquals(adcUnits.get(c).getAsString(), r.channel(c).unit());
        }
        JsonArray dacUnits = ref.getAsJsonArray("dacUnits");
        for (int d = 0; d < dacUnits.size(); d++) {
            assertEquals(dacUnits.get(d).getAsString(), h.dacs().get(d).unit());
        }
        JsonArray first = ref.getAsJsonArray("sweep0_first5");
        for (int i = 0; i < 5; i++) {
            double v = first.get(i).getAsDouble();
            assertEquals(v, r.sweep(0).channel(0).get(i), 1e-4 * Math.abs(v) + 1e-6);
        }
        double mean = ref.get("sweep0_mean").getAsDouble();
        assertEquals(mean, r.sweep(0).channel(0).mean(), 1e-4 * Math.abs(mean));
        if (h.version().startsWith("2.")) { // ABF1 levels come from pyABF's wrong holding level; see AbfDacTruthTest
            assertEquals(AbfReferenceTest.levels(ref.getAsJsonArray("sweep0_C_levels")),
                    AbfReferenceTest.distinct(r.sweep(0).command().toFloatArray(), 50));
        }
    }

    /** pclamp11_4ch.abf (ABF2) and pclamp11_4ch_abf1.abf hold the same recording: equal within one LSB. */
    @Test
    void fourChannelRecordingEqualInBothFormats() {
        Path abf1File = SharedData.path("data/abf/pclamp11_4ch_abf1.abf");
        Recording abf1 = Recordings.open(abf1File);
        Recording abf2 = Recordings.open(SharedData.path("data/abf/pclamp11_4ch.abf"));
        float[] gains = AbfReferenceTest.header(abf1File).gains();
        assertEquals(4, abf1.channelCount());
        assertEquals(abf2.channelCount(), abf1.channelCount());
        assertEquals(abf2.sweepCount(), abf1.sweepCount());
        assertEquals(abf2.sweepLength(), abf1.sweepLength());
        assertEquals(abf2.sampleRateHz(), abf1.sampleRateHz(), 0);
        double worst = 0;
        for (int s = 0; s < abf1.sweepCount(); s++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(abf2.channel(c), abf1.channel(c));
                double lsb = Math.abs(gains[c]);
                for (int i = 0; i < abf1.sweepLength(); i++) {
                    double d = Math.abs(abf1.sweep(s).channel(c).get(i) - abf2.sweep(s).channel(c).get(i));
                    worst = Math.max(worst, d / lsb);
                }
            }
        }
        assertTrue(worst <= 1.0 + 1e-6, "largest difference " + worst + " LSB");
    }
}
