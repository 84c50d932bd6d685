package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelFileWriter;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.sim.GlucoseSeries;
import org.patchpinn.sim.NoiseModel;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.sim.SyntheticRecording;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * A tiny design (2 cells × 3 glucose levels, one short sweep each) in which glucose only shifts EK: ranked on
 * the held-out cell, the reversal EK explains it better than any other single mechanism and than "no effect".
 * The per-recording fits are stood in for by each cell's true model with EK at its middle value, so the test
 * runs the mechanism comparison alone (a few seconds).
 */
class MechanismComparisonTest {
    private static final double[] LEVELS = {0.5, 2.5, 10};

    /**
     * Two cells × three levels in which only {@code parameter} follows {@code law}; each cell's fit is its truth at
     * 2.5, so the cell bases are not refitted over the recordings (their own test does that).
     */
    private static MechanismComparison rankedSeries(String parameter, DoubleUnaryOperator law) {
        return rankedSeries(parameter, law, Map.of()).sharedPasses(0);
    }

    /** As above, each cell's fit off its truth by {@code fitError} (parameter → value). */
    private static MechanismComparison rankedSeries(String parameter, DoubleUnaryOperator law,
                                                    Map<String, Double> fitError) {
        List<RecordingRow> rows = new ArrayList<>();
        ModelSpec base = BuiltinModels.get("traub-rs-m");
        List<Map<String, Double>> cells = List.of(Map.of(), Map.of("Cm", 140.0, "gL", 3.2, "EL", -67.0));
        Map<Path, Recording> files = new HashMap<>();
        for (int c = 0; c < cells.size(); c++) {
            ModelSpec cell = base;
            for (var e : cells.get(c).entrySet()) {
                cell = cell.withValue(e.getKey(), e.getValue());
            }
            for (double g : LEVELS) {
                String name = "c" + c + "_G" + g;
                Recording r = SyntheticRecording.generate(cell, cell.withValue(parameter, law.applyAsDouble(g)).values(),
                        List.of(Stimuli.step(20, 200, 250)), 250, 0.1, new NoiseModel(0.2, 0, 3), 40 + c * 10L
                                + Math.round(g * 10));
                Path p = Path.of(name + ".atf");
                files.put(p, r);
                ModelSpec fit = cell.withValue(parameter, law.applyAsDouble(2.5));
                for (var e : fitError.entrySet()) {
                    fit = fit.withValue(e.getKey(), e.getValue());
                }
                JsonObject details = new JsonObject();
                details.addProperty("fitted_model", ModelFileWriter.write(fit.withFree(List.of("gNa", "gK", "gL",
                        "EL", "gM", "VT", "EK"))));
                Map<String, FitOutcome> fits = new LinkedHashMap<>();
                fits.put("classic", new FitOutcome(Map.of(), details));
                ManifestEntry entry = new ManifestEntry(rows.size() + 1, name, p, g, "c" + c, Map.of(), "");
                rows.add(new RecordingRow(new RecordingResult(entry, RecordingResult.Status.OK, "", "", fits, null, 0,
                        false)));
            }
        }
        assertEquals("", MechanismComparison.whyNot(rows, "classic"));
        return MechanismComparison.prepare(rows, "classic", e -> files.get(e.file()));
    }

    private static Map<Mechanism, MechanismComparison.Change> changing(Map<Mechanism, MechanismComparison.Fits> fits,
                                                                       boolean changes) {
        return changingOnly(fits, m -> changes);
    }

    /** As if the mechanisms' trend tests had answered {@code changes} for each (p 0.01 or 0.5). */
    private static Map<Mechanism, MechanismComparison.Change> changingOnly(
            Map<Mechanism, MechanismComparison.Fits> fits, Predicate<Mechanism> changes) {
        Map<Mechanism, MechanismComparison.Change> out = new LinkedHashMap<>();
        fits.keySet().forEach(m -> out.put(m, changes.test(m)
                ? new MechanismComparison.Change(0.01, true) : new MechanismComparison.Change(0.5, false)));
        return out;
    }

    @Test
    void aConductanceTheModelDoesNotHaveIsNoCandidate() {
        ModelSpec rsm = BuiltinModels.get("traub-rs-m");
        // gAHP is 0 by default: a factor on it cannot act (log scale: log 0); the extra conductance stands for a
        // current the condition adds
        assertTrue(Mechanism.candidates(rsm).stream().noneMatch(m -> m.parameter().equals("gAHP")));
        assertTrue(Mechanism.candidates(rsm.withValue("gAHP", 100)).stream()
                .anyMatch(m -> m.parameter().equals("gAHP")));
        // and the comparison says so rather than leaving it out silently
        List<String> said = ConditionComparison.absentConductances(rsm, Mechanism.candidates(rsm));
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("conductance gAHP not compared"), said.get(0));
        ModelSpec withAhp = rsm.withValue("gAHP", 100);
        assertTrue(ConditionComparison.absentConductances(withAhp, Mechanism.candidates(withAhp)).isEmpty());
    }

    @Test
    void aShiftedPotassiumReversalIsRankedFirst() {
        MechanismComparison mc = rankedSeries("EK", GlucoseSeries::ekMv);
        List<Mechanism> candidates = Mechanism.candidates(mc.baseModel());
        assertTrue(candidates.stream().anyMatch(m -> m.kind().equals(Mechanism.EXTRA)));
        assertTrue(candidates.stream().anyMatch(m -> m.parameter().equals("EK")));
        assertTrue(candidates.stream().anyMatch(m -> m.parameter().equals("VT") && m.kind().equals("kinetic shift")));
        var fits = mc.fitAll(candidates, Progress.NONE);
        MechanismComparison.Result r = mc.rank(fits, changing(fits, true), true);
        assertTrue(r.heldOut());
        assertEquals("EK", r.ranking().get(0).mechanism().parameter(), r.ranking().toString());
        assertEquals("EK", r.winner().mechanism().parameter());
        // per level, EK follows the generating law within 3 mV (one 250 ms sweep per recording)
        for (double g : LEVELS) {
            assertEquals(GlucoseSeries.ekMv(g), r.ranking().get(0).perLevel().get(g), 3.0, "EK at " + g);
        }
        // nothing changes: no mechanism is named, whatever fits best
        MechanismComparison.Result control = mc.rank(fits, changing(fits, false), false);
        assertNull(control.winner());
        assertTrue(control.verdict().startsWith("no mechanism"), control.verdict());
    }

    @Test
    void aKineticShiftIsNamedAndTheMechanismsItCannotBeToldFromAreListed() {
        MechanismComparison mc = rankedSeries("VT", GlucoseSeries::vtMv);
        var fits = mc.fitAll(Mechanism.candidates(mc.baseModel()), Progress.NONE);
        MechanismComparison.Result r = mc.rank(fits, changing(fits, true), true);
        assertEquals("VT", r.winner().mechanism().parameter(), r.ranking().toString());
        for (double g : LEVELS) {
            assertEquals(GlucoseSeries.vtMv(g), r.winner().perLevel().get(g), 3.0, "VT at " + g + ": " + r.winner().perLevel());
        }
        // with six recordings the paired test's smallest p is 1/64: whatever it cannot tell apart is named
        for (MechanismComparison.Ranked other : r.ranking()) {
            if (other != r.winner()) {
                assertTrue(other.pWorseThanBest() >= 1.0 / 64 && other.pWorseThanBest() <= 1, other.toString());
                assertEquals(other.notDistinguished(), r.verdict().contains(other.mechanism().name()), r.verdict());
            }
        }
    }

    @Test
    void mechanismsAsGoodAsTheWinnerWhoseChangeIsNotSignificantAreListedApart() {
        MechanismComparison mc = rankedSeries("VT", GlucoseSeries::vtMv);
        var fits = mc.fitAll(Mechanism.candidates(mc.baseModel()), Progress.NONE);
        MechanismComparison.Result r = mc.rank(fits, changingOnly(fits, m -> m.parameter().equals("VT")), true);
        assertEquals("VT", r.winner().mechanism().parameter(), r.ranking().toString());
        String marker = "change is not significant family-wise over the mechanisms: ";
        String quiet = r.verdict().contains(marker) ? r.verdict().substring(r.verdict().indexOf(marker)) : "";
        for (MechanismComparison.Ranked other : r.ranking()) {
            if (other != r.winner()) {
                assertEquals(other.notDistinguished() && other.inSampleLoss() < r.noneLoss(),
                        quiet.contains(other.mechanism().name()), other + " in " + r.verdict());
            }
        }
    }

    @Test
    void aChangingParameterThatExplainsTheRecordingsClearlyWorseThanAnotherMechanismIsNotNamed() {
        MechanismComparison mc = rankedSeries("VT", GlucoseSeries::vtMv);
        var fits = mc.fitAll(Mechanism.candidates(mc.baseModel()), Progress.NONE);
        MechanismComparison.Result all = mc.rank(fits, changing(fits, true), true);
        assertEquals("VT", all.ranking().get(0).mechanism().parameter(), all.ranking().toString());
        // the mechanism the recordings set most clearly below VT (six recordings: p ≥ 1/64)
        MechanismComparison.Ranked worst = all.ranking().stream().skip(1)
                .min(Comparator.comparingDouble(MechanismComparison.Ranked::pWorseThanBest)).orElseThrow();
        assertTrue(worst.pWorseThanBest() < 0.05, all.ranking().toString());
        // as if only its refitted values changed with the level (compensating for the VT shift the truth has)
        MechanismComparison.Result r = mc.rank(fits, changingOnly(fits, m -> m.equals(worst.mechanism())), true);
        assertNull(r.winner(), r.verdict());
        assertTrue(r.verdict().contains("compensation") && r.verdict().contains(worst.mechanism().name()), r.verdict());
    }

    @Test
    void cellBasesRefittedOverTheCellsRecordingsUndoAFitsErrorAndKeepTheMechanism() {
        // each cell's fit off its truth (a leak too large, a threshold too low): every recording pays for it
        Map<String, Double> off = Map.of("gL", 4.5, "VT", -59.0);
        MechanismComparison unshared = rankedSeries("EK", GlucoseSeries::ekMv, off).sharedPasses(0);
        var plain = unshared.fitAll(Mechanism.candidates(unshared.baseModel()), Progress.NONE);
        MechanismComparison.Result before = unshared.rank(plain, changing(plain, true), true);
        MechanismComparison mc = rankedSeries("EK", GlucoseSeries::ekMv, off).sharedPasses(1);
        var fits = mc.fitAll(Mechanism.candidates(mc.baseModel()), Progress.NONE);
        MechanismComparison.Result r = mc.rank(fits, changing(fits, true), true);
        assertTrue(r.noneLoss() < 0.8 * before.noneLoss(), r.noneLoss() + " vs " + before.noneLoss());
        assertEquals("EK", r.winner().mechanism().parameter(), r.ranking().toString());
        System.out.printf("shared cell bases: none %.3f (was %.3f), EK %.3f (was %.3f)%n", r.noneLoss(),
                before.noneLoss(), r.winner().inSampleLoss(), before.winner().inSampleLoss());
        assertTrue(r.cellBases().values().stream().allMatch(s -> s.contains("refitted over the cell's 3 recordings")),
                r.cellBases().toString());
        // the fit's error was the base's: per level, EK is no further from the truth than on the unrefitted base
        for (double g : LEVELS) {
            double truth = GlucoseSeries.ekMv(g);
            assertTrue(Math.abs(r.winner().perLevel().get(g) - truth)
                    <= Math.abs(before.winner().perLevel().get(g) - truth) + 1.0, "EK at " + g + ": refitted "
                    + r.winner().perLevel() + ", not " + before.winner().perLevel());
        }
    }

    @Test
    void aConductanceSearchedUpToItsBoundStaysInsideIt() {
        ModelSpec base = BuiltinModels.get("traub-rs-m").withValue("gK", 50000);
        Mechanism gK = Mechanism.candidates(base).stream().filter(m -> m.parameter().equals("gK")).findFirst()
                .orElseThrow();
        assertTrue(Math.exp(Math.log(50000.0)) > 50000, "the rounding this guards against");
        double theta = MechanismComparison.within(base, gK, Math.log(50000.0));
        assertEquals(50000, theta, 0);
        base.checkBounds(MechanismComparison.with(base, gK, theta));
    }
}
