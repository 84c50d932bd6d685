package org.patchpinn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.patchpinn.features.FeatureNames;
import org.patchpinn.features.SpikeDetectionSettings;
import org.patchpinn.features.StimulusWindow;
import org.patchpinn.features.SweepFeatureExtractor;
import org.patchpinn.features.SweepFeatures;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.sim.Stimulus;

/**
 * The built-in models for real cell types show their type's phenotype when simulated by the project's own
 * simulator: fast spiking (traub-fs), a delayed first spike from the A-current (traub-rs-a), a sag from Ih
 * (traub-rs-h), an F–I curve bent down at high rates by the spike-gated AHP (traub-rs-m); and every built-in
 * names its literature source and has bounds wide enough for real cells.
 */
class BuiltinPhenotypeTest {
    private static final double DT_MS = 0.025;
    private static final double START_MS = 100;
    private static final double STEP_MS = 1000;
    private static final double TOTAL_MS = 1200;
    private static final StimulusWindow WINDOW = new StimulusWindow(START_MS, START_MS + STEP_MS);
    private static final SweepFeatureExtractor FEATURES =
            new SweepFeatureExtractor(SpikeDetectionSettings.defaults(), 0);
    /** 25 nS/pF on traub-rs-m's 118 pF: near the median (33) of the 20 real cells whose session-32 fits used gAHP
     *  (2-288 nS/pF). */
    private static final double AHP_NS = 3000;
    /** The models added for real cells: each declares a voltage shift and a rate factor per channel. */
    private static final List<String> CELL_TYPE_MODELS = List.of("traub-fs", "traub-rs-a", "traub-rs-h");

    private static SweepFeatures step(ModelSpec m, double pA) {
        double[] v = Simulator.shared().voltage(m, m.values(), Stimuli.step(START_MS, STEP_MS, pA), TOTAL_MS, DT_MS);
        return FEATURES.extract(v, DT_MS, WINDOW, pA);
    }

    private static double spikes(ModelSpec m, double pA) {
        return step(m, pA).get(FeatureNames.SPIKECOUNT_STIMINT);
    }

    /** Smallest 1 s step (pA, within 0.5 %) that gives a spike. */
    private static double rheobase(ModelSpec m) {
        double lo = 0;
        double hi = 25;
        while (spikes(m, hi) < 1) {
            lo = hi;
            hi *= 2;
            assertTrue(hi < 1e5, m.name() + " does not fire");
        }
        while (hi - lo > 0.005 * hi) {
            double mid = 0.5 * (lo + hi);
            if (spikes(m, mid) >= 1) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    @Test
    void fastSpikingFiresFasterWithNarrowerSpikesAndLessAdaptationThanRegularSpiking() {
        ModelSpec fs = BuiltinModels.get("traub-fs");
        ModelSpec rs = BuiltinModels.get("traub-rs-m");
        SweepFeatures f = step(fs, 2 * rheobase(fs));
        SweepFeatures r = step(rs, 2 * rheobase(rs));
        double fsRate = f.get(FeatureNames.SPIKECOUNT_STIMINT);
        double rsRate = r.get(FeatureNames.SPIKECOUNT_STIMINT);
        double fsWidth = f.get(FeatureNames.SPIKE_HALF_WIDTH);
        double rsWidth = r.get(FeatureNames.SPIKE_HALF_WIDTH);
        double fsAdapt = f.get(FeatureNames.ADAPTATION_INDEX2);
        double rsAdapt = r.get(FeatureNames.ADAPTATION_INDEX2);
        System.out.printf("at 2x rheobase, 1 s: FS %.0f spikes, half-width %.3f ms, adaptation %.4f; "
                + "RS-M %.0f spikes, %.3f ms, %.4f%n", fsRate, fsWidth, fsAdapt, rsRate, rsWidth, rsAdapt);
        assertTrue(rsRate >= 4, "RS-M fires enough to measure adaptation: " + rsRate);
        assertTrue(fsRate >= 2 * rsRate, "FS rate " + fsRate + " vs RS " + rsRate);
        assertTrue(fsWidth < rsWidth, "FS half-width " + fsWidth + " ms vs RS " + rsWidth);
        assertTrue(fsAdapt < rsAdapt, "FS adaptation " + fsAdapt + " vs RS " + rsAdapt);
        assertTrue(Math.abs(fsAdapt) < 0.005, "FS barely adapts: " + fsAdapt);
    }

    @Test
    void aCurrentDelaysTheFirstSpikeNearRheobase() {
        ModelSpec withA = BuiltinModels.get("traub-rs-a");
        ModelSpec noA = withA.withValue("gA", 0);
        double amp = 1.05 * rheobase(withA);
        double delayed = step(withA, amp).get(FeatureNames.TIME_TO_FIRST_SPIKE);
        double prompt = step(noA, amp).get(FeatureNames.TIME_TO_FIRST_SPIKE);
        System.out.printf("traub-rs-a at %.1f pA (1.05x rheobase): first spike after %.1f ms; with gA = 0: "
                + "%.1f ms%n", amp, delayed, prompt);
        assertTrue(delayed > 250, "delayed first spike: " + delayed + " ms");
        assertTrue(delayed > 4 * prompt, "with IA " + delayed + " ms, without " + prompt + " ms");
    }

    @Test
    void ihGivesASagOnHyperpolarisingStepsAndNoneWithoutIt() {
        ModelSpec withH = BuiltinModels.get("traub-rs-h");
        double sag = step(withH, -100).get(FeatureNames.SAG_RATIO1);
        double none = step(withH.withValue("gH", 0), -100).get(FeatureNames.SAG_RATIO1);
        System.out.printf("traub-rs-h at -100 pA: sag ratio %.3f; with gH = 0: %.4f%n", sag, none);
        assertTrue(sag > 0.1, "sag ratio " + sag);
        assertTrue(Math.abs(none) < 0.01, "sag ratio without Ih " + none);
    }

    @Test
    void ahpLowersTheFiCurveAtHighRatesMuchMoreThanNearRheobase() {
        ModelSpec rs = BuiltinModels.get("traub-rs-m");
        ModelSpec withAhp = rs.withValue("gAHP", AHP_NS);
        double rheo = rheobase(rs);
        double lowOff = spikes(rs, 1.5 * rheo);
        double lowOn = spikes(withAhp, 1.5 * rheo);
        double highOff = spikes(rs, 6 * rheo);
        double highOn = spikes(withAhp, 6 * rheo);
        System.out.printf("traub-rs-m, 1 s steps at 1.5x and 6x rheobase (%.1f pA): %.0f and %.0f spikes; with gAHP "
                + "%.0f nS: %.0f and %.0f%n", rheo, lowOff, highOff, AHP_NS, lowOn, highOn);
        // q^4: a few spikes leave the AHP negligible, a high rate makes it strong, so the F-I bends down (concave)
        assertTrue(lowOn >= 0.8 * lowOff, "near rheobase the AHP barely acts: " + lowOn + " vs " + lowOff);
        assertTrue(highOn <= 0.85 * highOff, "at high rates it does: " + highOn + " vs " + highOff);
        assertTrue(highOn - lowOn < 0.85 * (highOff - lowOff), "the F-I rises less steeply with it");
    }

    private static final Pattern CITATION = Pattern.compile("\\((19|20)\\d\\d\\)[^\\n]*\\d+:\\d+");

    @Test
    void everyBuiltinParsesAndNamesItsSourceInItsHeader() {
        for (String name : BuiltinModels.NAMES) {
            ModelSpec m = BuiltinModels.get(name);
            assertEquals(name, m.name());
            String text = BuiltinModels.text(name);
            String header = text.substring(0, text.indexOf("\nmodel "));
            assertTrue(header.lines().allMatch(l -> l.startsWith("#")), name + ": header is comments");
            assertTrue(CITATION.matcher(header).find(), name + ": header cites a source (authors (year) "
                    + "journal volume:page): " + header);
            assertFalse(m.description().isBlank(), name);
        }
    }

    @Test
    void theRegularSpikingVariantsAreTraubRsMPlusTheCurrentEachNames() {
        ModelSpec template = BuiltinModels.get("traub-rs-m");
        ModelSpec m = template.withValue("gAHP", AHP_NS);
        List<String> base = m.currents().stream().map(CurrentSpec::name).toList();
        for (String[] variant : new String[][] {{"traub-rs-a", "IA", "gA"}, {"traub-rs-h", "IH", "gH"}}) {
            ModelSpec v = BuiltinModels.get(variant[0]);
            List<String> currents = v.currents().stream().map(CurrentSpec::name).toList();
            assertTrue(currents.containsAll(base), variant[0] + " " + currents);
            assertEquals(base.size() + 1, currents.size(), variant[0] + " " + currents);
            assertTrue(currents.contains(variant[1]), variant[0] + " " + currents);
            for (Parameter p : template.parameters()) {
                assertEquals(p.value(), v.parameter(p.name()).value(), 1e-12, variant[0] + " " + p.name());
            }
            // with its own current off and traub-rs-m's values, the variant is traub-rs-m, AHP included
            ModelSpec same = v.withValue(variant[2], 0);
            for (Parameter p : m.parameters()) {
                same = same.withValue(p.name(), p.value());
            }
            Stimulus step = Stimuli.step(START_MS, STEP_MS, 300);
            double[] a = Simulator.shared().voltage(m, m.values(), step, TOTAL_MS, DT_MS);
            double[] b = Simulator.shared().voltage(same, same.values(), step, TOTAL_MS, DT_MS);
            for (int k = 0; k < a.length; k++) {
                assertEquals(a[k], b[k], 1e-6, variant[0] + " at sample " + k);
            }
        }
    }

    @Test
    void cellTypeModelsHaveWideBoundsAndAShiftAndRateFactorPerChannel() {
        for (String name : CELL_TYPE_MODELS) {
            ModelSpec m = BuiltinModels.get(name);
            Parameter cm = m.parameter("Cm");
            assertTrue(cm.lower() <= 5 && cm.upper() >= 1000, name + " Cm bounds");
            for (Parameter p : m.parameters()) {
                if (p.unit().equals("nS")) {
                    assertTrue(p.lower() == 0 || p.upper() / p.lower() >= 100, name + " " + p);
                }
                if (p.name().startsWith("shift")) {
                    assertEquals(0, p.value(), name + " " + p);
                    assertTrue(p.fixed(), name + " " + p);
                }
                if (p.name().matches("q[A-Z].*")) {
                    assertEquals(1, p.value(), name + " " + p);
                    assertTrue(p.lower() < 1 && p.upper() > 1, name + " " + p);
                    // the spike-generating factors are free (the staged fit measures them from the spike width)
                    assertEquals(!p.name().equals("qNa") && !p.name().equals("qK"), p.fixed(), name + " " + p);
                }
            }
            assertTrue(!m.parameter("VT").fixed(), name + " VT is free: the staged fit measures it");
            for (CompiledGate g : m.compiledGates()) {
                List<String> read = java.util.Arrays.stream(g.parameterIndices())
                        .mapToObj(i -> m.parameters().get(i).name()).toList();
                assertTrue(read.stream().anyMatch(p -> p.startsWith("shift")), name + " gate " + g.spec().name()
                        + " reads a shift parameter: " + read);
                assertTrue(read.stream().anyMatch(p -> p.matches("q[A-Z].*|tauMax")), name + " gate "
                        + g.spec().name() + " reads a rate factor: " + read);
            }
        }
    }
}
