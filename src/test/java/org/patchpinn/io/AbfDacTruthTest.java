package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Trace;

/**
 * ABF1 command waveforms against abf1_dac_truth.json (true holding level at byte 1394, ABF 1.8 pulse
 * trains), where pyABF is wrong: holding levels, epoch tables and the rebuilt waveform of sweep 0 and the
 * last sweep, for every DAC, for every listed file present in ../shared/data.
 */
class AbfDacTruthTest {
    static Stream<String> files() throws IOException {
        JsonObject truth = AbfReferenceTest.json("data/ref/abf1_dac_truth.json").getAsJsonObject("files");
        List<String> present = new ArrayList<>();
        for (String f : truth.keySet()) {
            if (Files.exists(SharedData.root().resolve("data").resolve(f))) {
                present.add(f);
            }
        }
        assertTrue(present.size() >= 4, "ABF1 truth files present: " + present);
        return present.stream();
    }

    @ParameterizedTest
    @MethodSource("files")
    void holdingLevelsEpochsAndWaveforms(String relative) throws IOException {
        JsonObject truth = AbfReferenceTest.json("data/ref/abf1_dac_truth.json").getAsJsonObject("files")
                .getAsJsonObject(relative);
        Path file = SharedData.path("data/" + relative);
        AbfHeader h = AbfReferenceTest.header(file);
        assertEquals(truth.get("abfVersion").getAsString(), h.version());
        JsonArray holding = truth.getAsJsonArray("true_fDACHoldingLevel");
        for (int d = 0; d < holding.size(); d++) {
            assertEquals(holding.get(d).getAsDouble(), h.dacs().get(d).holdingLevel(), 1e-6, "holding DAC " + d);
        }
        for (int d = 0; d < 2; d++) {
            AbfDac dac = h.dacs().get(d);
            assertEquals(truth.getAsJsonArray("nWaveformEnable").get(d).getAsInt() != 0, dac.waveformEnabled());
            assertEquals(truth.getAsJsonArray("nWaveformSource").get(d).getAsInt(), dac.waveformSource());
            assertEquals(truth.getAsJsonArray("nInterEpisodeLevel").get(d).getAsInt() != 0, dac.keepLastLevel());
        }
        Recording r = Recordings.open(file);
        int commandDac = AbfCommand.chooseDac(h);
        for (JsonElement el : truth.getAsJsonArray("dacs")) {
            JsonObject dacTruth = el.getAsJsonObject();
            int d = dacTruth.get("dac").getAsInt();
            AbfDac dac = h.dacs().get(d);
            if (dacTruth.has("epochs")) {
                JsonArray epochs = dacTruth.getAsJsonArray("epochs");
                assertEquals(epochs.size(), dac.epochs().size(), relative + " DAC " + d + " epochs");
                for (int i = 0; i < epochs.size(); i++) {
                    JsonObject e = epochs.get(i).getAsJsonObject();
                    AbfEpoch ours = dac.epochs().get(i);
                    assertEquals(e.get("letter").getAsString().charAt(0) - 'A', ours.number());
                    assertEquals(e.get("typeCode").getAsInt(), ours.type());
                    assertEquals(e.get("firstLevel").getAsDouble(), ours.level(), 1e-6);
                    assertEquals(e.get("deltaLevel").getAsDouble(), ours.levelDelta(), 1e-6);
                    assertEquals(e.get("firstDurationPts").getAsInt(), ours.duration());
                    assertEquals(e.get("deltaDurationPts").getAsInt(), ours.durationDelta());
                    assertEquals(e.get("pulsePeriodPts").getAsInt(), ours.pulsePeriod());
                    assertEquals(e.get("pulseWidthPts").getAsInt(), ours.pulseWidth());
                }
            }
            for (String which : List.of("sweep0", "sweepLast")) {
                JsonObject w = dacTruth.getAsJsonObject(which);
                int sweep = w.get("sweep").getAsInt();
                float[] c = AbfCommand.fromHeader(h, dac, sweep);
                String what = relative + " DAC " + d + " sweep " + sweep;
                assertNotNull(c, what);
                assertEquals(w.get("n").getAsInt(), c.length, what);
                JsonArray first = w.getAsJsonArray("first5");
                JsonArray last = w.getAsJsonArray("last5");
                for (int i = 0; i < 5; i++) {
                    assertEquals(first.get(i).getAsDouble(), c[i], 1e-5, what + " sample " + i);
                    assertEquals(last.get(i).getAsDouble(), c[c.length - 5 + i], 1e-5, what + " sample -" + (5 - i));
                }
                TreeSet<Double> expected = new TreeSet<>();
                w.getAsJsonArray("distinctLevels").forEach(x -> expected.add(x.getAsDouble()));
                assertEquals(expected, new TreeSet<>(AbfReferenceTest.distinct(c, Integer.MAX_VALUE)),
                        what + " levels");
                if (d == commandDac && sweep < r.sweepCount()) {
                    assertEquals(Trace.wrap(c), r.sweep(sweep).command(), what + " in the recording");
                }
            }
        }
        assertTrue(r.hasCommand(), relative);
        assertEquals(h.dacs().get(commandDac).unit(), r.commandUnit());
    }

    /** The ABF1 file's command equals its ABF2 twin's (recorded together, saved in both formats). */
    @org.junit.jupiter.api.Test
    void abf1CommandEqualsAbf2Twin() {
        Recording abf1 = Recordings.open(SharedData.path("data/abf/pclamp11_4ch_abf1.abf"));
        Recording abf2 = Recordings.open(SharedData.path("data/abf/pclamp11_4ch.abf"));
        assertEquals(abf2.commandUnit(), abf1.commandUnit());
        for (int s = 0; s < abf1.sweepCount(); s++) {
            assertEquals(abf2.sweep(s).command(), abf1.sweep(s).command(), "sweep " + s);
        }
        assertFalse(abf1.sweep(0).command().equals(Trace.wrap(new float[abf1.sweepLength()])));
    }
}
