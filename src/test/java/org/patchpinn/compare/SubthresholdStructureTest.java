package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchpinn.trace.CurrentClampSweep.Current.RECORDED;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelFileParser;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.CurrentClampSweep;
import org.patchpinn.trace.Recording;

/** The subthreshold analysis reads its slow gate, reversal and leak from the comparison's model structure. */
class SubthresholdStructureTest {
    private static final double[] STEPS = {-80, 30};

    /** traub-rs-m with a faster M-current (τmax 300 ms) that opens 10 mV lower: another slow gate, in a model file. */
    static ModelSpec shiftedGateModel() {
        String text = BuiltinModels.text("traub-rs-m").replace("model traub-rs-m", "model rs-m-shifted")
                .replace("param tauMax = 608 ms", "param tauMax = 300 ms").replace("(V+35)", "(V+45)");
        return ModelFileParser.parse(text, "rs-m-shifted.model");
    }

    private static LinearMembrane membrane(Recording r, SubthresholdStructure s) {
        return LinearMembraneSolver.solve(SubthresholdSystem.build(CurrentClampSweep.all(r, RECORDED),
                SubthresholdSettings.DEFAULT.withStructure(s)));
    }

    @Test
    void aModelFilesSlowGateIsTheOneTheAnalysisDrives() {
        SubthresholdStructure s = SubthresholdStructure.of(shiftedGateModel());
        SlowGate gate = s.slowGate().orElseThrow();
        assertEquals("IM", gate.current());
        assertEquals(1 / (1 + Math.exp(-(-60 + 45) / 10.0)), gate.steadyState(-60), 1e-12);
        assertEquals(300 / (3.3 * Math.exp(-15 / 20.0) + Math.exp(15 / 20.0)), gate.tauMs(-60), 1e-9);
        assertEquals(-90, s.slowReversalMv());
        assertEquals("Cm", s.capacitance());
        assertEquals("gL", s.leakConductance());
        assertEquals("EL", s.leakReversal());

        // a cell whose M-current has that gate, noiseless: its own structure recovers it, traub-rs-m's does not
        SyntheticCell cell = new SyntheticCell(110, 3.0, -68, 8.0, -90, 1.0, -90, gate);
        Recording r = cell.record(STEPS, 300, 0, 1);
        LinearMembrane own = membrane(r, s);
        LinearMembrane other = membrane(r, SubthresholdStructure.DEFAULT);
        assertEquals(cell.cPf(), own.cPf(), 0.01 * cell.cPf());
        assertEquals(cell.gLin(), own.gNs(), 0.02 * cell.gLin());
        assertEquals(cell.eLin(), own.eMv(), 0.3);
        assertEquals(cell.gM(), own.gMNs(), 0.05 * cell.gM());
        assertTrue(Math.abs(other.gMNs() - cell.gM()) > 4 * Math.abs(own.gMNs() - cell.gM()),
                "traub-rs-m's gate gives gM " + other.gMNs() + ", the file's " + own.gMNs());

        // the condition model on that structure rests where the cell does and writes the file's kinetics
        ConditionModel m = new ConditionModel("G", s, cell.cPf(), cell.gL(), cell.eL(), cell.gM(), -90, cell.ex(),
                new HillLaw(cell.gX(), 1, 1), "test");
        assertEquals(cell.restingPotential(), m.restingPotential(0), 1e-3);
        ModelSpec level = m.spec(0);
        assertEquals(300, level.parameter("tauMax").value());
        assertTrue(level.name().startsWith("rs-m-shifted-"), level.name());
        ConditionModel back = ConditionModel.fromJson(m.toJson(), shiftedGateModel());
        assertEquals(m.restingPotential(0), back.restingPotential(0), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ConditionModel.fromJson(m.toJson(),
                BuiltinModels.get("traub-rs-m")), "a file of another base model is refused");
    }

    @Test
    void aModelWithoutASlowGateHasNoSlowTermAndSaysSo() {
        SubthresholdStructure s = SubthresholdStructure.of(BuiltinModels.get("traub-rs"));
        assertFalse(s.hasSlowGate());
        assertTrue(s.note().contains("traub-rs") && s.note().contains("no slow-gate term"), s.note());
        assertTrue(Double.isNaN(s.slowReversalMv()));

        SyntheticCell cell = new SyntheticCell(110, 3.0, -68, 0, -90, 1.0, -80, null);
        Recording r = cell.record(STEPS, 300, 0.2, 2);
        SubthresholdSettings settings = SubthresholdSettings.DEFAULT.withStructure(s);
        SubthresholdSystem system = SubthresholdSystem.build(CurrentClampSweep.all(r, RECORDED), settings);
        assertFalse(system.slowTerm());
        assertFalse(SubthresholdSystem.fromJson(system.toJson()).slowTerm(), "saved and resumed without it");
        LinearMembrane m = LinearMembraneSolver.solve(system);
        assertEquals(cell.cPf(), m.cPf(), 0.03 * cell.cPf());
        assertEquals(cell.gLin(), m.gNs(), 0.05 * cell.gLin());
        assertEquals(cell.eLin(), m.eMv(), 0.5);
        assertEquals(0, m.gMNs());
        FitOutcome fit = new SubthresholdFitter(settings).fit(r, Progress.NONE);
        assertEquals(List.of("C", "g_lin", "E_lin"), List.copyOf(fit.parameters().keySet()));

        ConditionModel model = new ConditionModel("G", s, cell.cPf(), cell.gL(), cell.eL(), 0, Double.NaN, cell.ex(),
                new HillLaw(cell.gX(), 1, 1), "test");
        assertEquals(cell.restingPotential(), model.restingPotential(0), 1e-3);
        JsonObject json = model.toJson();
        assertEquals("traub-rs", json.get("base_model").getAsString());
        assertTrue(json.get("slow_current").isJsonNull());
        assertFalse(json.getAsJsonObject("parameters").has("gM_nS"));
        assertTrue(json.get("note").getAsString().contains("no slow-gate term"));
        assertFalse(model.spec(0).hasParameter("gM"));
        assertEquals(cell.gL(), model.spec(0).parameter("gL").value());
        assertEquals(model.restingPotential(0), ConditionModel.fromJson(json, BuiltinModels.get("traub-rs"))
                .restingPotential(0), 1e-9);
    }

    @Test
    void systemsWithAndWithoutASlowTermAreNotPooled() {
        Recording r = SyntheticCell.at(0, 1).record(STEPS, 300, 0.2, 3);
        SubthresholdSystem with = SubthresholdSystem.build(CurrentClampSweep.all(r, RECORDED), SubthresholdSettings.DEFAULT);
        SubthresholdSystem without = SubthresholdSystem.build(CurrentClampSweep.all(r, RECORDED), SubthresholdSettings.DEFAULT
                .withStructure(SubthresholdStructure.of(BuiltinModels.get("hh-squid"))));
        assertThrows(RuntimeException.class, () -> LinearMembraneSolver.solveJoint(List.of(with, without)));
    }

    @Test
    void theResumeFingerprintChangesWithTheStructure() {
        String base = SubthresholdSettings.DEFAULT.fingerprint();
        assertNotEquals(base, SubthresholdSettings.DEFAULT.withStructure(SubthresholdStructure.of(shiftedGateModel()))
                .fingerprint());
        assertNotEquals(base, SubthresholdSettings.DEFAULT.withStructure(SubthresholdStructure.of(
                BuiltinModels.get("traub-rs-m").withValue("tauMax", 300))).fingerprint(), "same name, other kinetics");
        assertNotEquals(base, SubthresholdSettings.DEFAULT.withStructure(SubthresholdStructure.of(
                BuiltinModels.get("traub-rs-m").withValue("EK", -85))).fingerprint(), "other slow reversal");
        assertNotEquals(base, SubthresholdSettings.DEFAULT.withStructure(SubthresholdStructure.of(
                BuiltinModels.get("traub-rs"))).fingerprint());
        assertEquals(base, SubthresholdSettings.DEFAULT.withStructure(SubthresholdStructure.of(
                BuiltinModels.get("traub-rs-m"))).fingerprint());
    }

    @Test
    void aModelWhoseLeakIsAmbiguousIsRefusedByName() {
        // a condition-level model has two ungated currents, the leak and the extra conductance
        ModelSpec level = new ConditionModel("G", SubthresholdStructure.DEFAULT, 118, 2.4, -70, 8.9, -90, -90,
                new HillLaw(3, 1, 1), "test").spec(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubthresholdStructure.of(level));
        assertTrue(e.getMessage().contains(level.name()) && e.getMessage().contains("IL, IX"), e.getMessage());
    }
}
