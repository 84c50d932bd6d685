package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.patchpinn.io.Recordings;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;

/**
 * Real current-clamp ABF files against eFEL 5.7's values for every sweep (shared/data/efel): spike counts
 * equal; AP_amplitude, spike_half_width, mean_frequency and ISI_values within 5 %; AP_begin_voltage,
 * voltage_base and AHP_depth within 1 mV; ohmic_input_resistance and time_constant within 5 % on
 * hyperpolarising sweeps. The largest deviations are printed at the end.
 */
class EfelAbfComparisonTest {
    private static final Map<String, double[]> WORST = new TreeMap<>(); // {largest deviation, values compared}

    /** The ABF reader is written on another branch; until it is merged these comparisons cannot run. */
    @BeforeAll
    static void needsAnAbfReader() {
        assumeTrue(Recordings.readers().stream().anyMatch(r -> r.getClass().getSimpleName().startsWith("Abf")),
                "no ABF reader registered in Recordings yet");
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
            "171116sh_0018.abf, efel_171116sh_0018.json, command",
            "18711001.abf, efel_18711001.json, command",
            "18711001.abf, efel_18711001_prepulse.json, json",
            "File_axon_5.abf, efel_File_axon_5.json, command"})
    void matchesEfelOnEverySweep(String abf, String efelJson, String windowSource) throws IOException {
        Recording r = Recordings.open(SharedData.path("data/abf/" + abf));
        JsonObject ref = JsonParser.parseString(Files.readString(SharedData.path("data/efel/" + efelJson)))
                .getAsJsonObject();
        List<JsonObject> sweeps = new ArrayList<>();
        ref.getAsJsonArray("sweeps").forEach(e -> sweeps.add(e.getAsJsonObject()));
        assertEquals(r.sweepCount(), sweeps.size(), "every sweep has eFEL values");
        JsonObject first = sweeps.get(0);
        StimulusWindow efelWindow = new StimulusWindow(first.get("stim_start_ms").getAsDouble(),
                first.get("stim_end_ms").getAsDouble());
        StimulusWindow override = windowSource.equals("json") ? efelWindow : null;
        RecordingFeatures rf = RecordingFeatures.analyse(r, List.of(), SpikeDetectionSettings.efel(), override,
                Progress.NONE);
        // Our default detection (AllenSDK: 20 V/s, -30 mV) counts the same spikes on these recordings.
        RecordingFeatures allen = RecordingFeatures.analyse(r, List.of(), SpikeDetectionSettings.defaults(),
                override, Progress.NONE);
        // The window found in the command waveform is the epoch eFEL was given.
        assertEquals(efelWindow.startMs(), rf.window().startMs(), r.dtMs() + 1e-9, "stim start");
        assertEquals(efelWindow.endMs(), rf.window().endMs(), r.dtMs() + 1e-9, "stim end");

        for (int k = 0; k < sweeps.size(); k++) {
            JsonObject e = sweeps.get(k);
            SweepFeatures f = rf.sweeps().get(k);
            String at = abf + " sweep " + k + " ";
            double stimPa = stimulusPa(e);
            if (!windowSource.equals("json")) {
                assertEquals(stimPa, rf.stimulusPa()[k], 0.5, at + "step amplitude");
            }
            assertEquals(scalar(e, "Spikecount"), f.get("Spikecount"), at + "Spikecount");
            assertEquals(scalar(e, "Spikecount"), allen.sweeps().get(k).get("Spikecount"), at + "Spikecount (Allen)");
            assertEquals(scalar(e, "Spikecount_stimint"), f.get("Spikecount_stimint"), at + "Spikecount_stimint");
            relative("AP_amplitude", array(e, "AP_amplitude"), f.array("AP_amplitude"), 0.05, at);
            relative("spike_half_width", array(e, "spike_half_width"), f.array("spike_half_width"), 0.05, at);
            relative("ISI_values", array(e, "ISI_values"), f.array("ISI_values"), 0.05, at);
            absolute("AP_begin_voltage", array(e, "AP_begin_voltage"), f.array("AP_begin_voltage"), 1.0, at);
            absolute("AHP_depth", array(e, "AHP_depth"), f.array("AHP_depth"), 1.0, at);
            absolute("voltage_base", array(e, "voltage_base"), new double[] {f.get("voltage_base")}, 1.0, at);
            absolute("steady_state_voltage_stimend", array(e, "steady_state_voltage_stimend"),
                    new double[] {f.get("steady_state_voltage_stimend")}, 1.0, at);
            double[] ttfs = array(e, "time_to_first_spike");
            double[] inWindow = f.spikeTimesInWindowMs();
            if (ttfs.length == 1 && inWindow.length > 0 && f.spikeTimesMs()[0] == inWindow[0]) {
                // Same definition when the first spike is in the window (ours ignores earlier spikes).
                absolute("time_to_first_spike", ttfs, new double[] {f.get("time_to_first_spike")}, 1e-6, at);
            }
            double[] ai = array(e, "adaptation_index2");
            if (ai.length == 1) {
                absolute("adaptation_index2", ai, new double[] {f.get("adaptation_index2")}, 1e-6, at);
            }
            double[] mf = array(e, "mean_frequency");
            if (mf.length == 1 && mf[0] != 0) {
                relative("mean_frequency", mf, new double[] {f.get("mean_frequency")}, 0.05, at);
            } else {
                // eFEL: no value without spikes, -0.0 with spikes only outside the window; ours: 0 Hz.
                assertEquals(0.0, f.get("mean_frequency"), at + "mean_frequency");
            }
            if (stimPa < 0) {
                relative("ohmic_input_resistance", array(e, "ohmic_input_resistance"),
                        new double[] {f.get("ohmic_input_resistance")}, 0.05, at);
                relative("time_constant", array(e, "time_constant"), new double[] {f.get("time_constant")},
                        0.05, at);
                // Our least-squares fit on AllenSDK's interval: close to eFEL where the relaxation is a single
                // exponential (18711001's prepulse); shorter where a sag follows (171116sh_0018, File_axon_5),
                // because it stops at the largest deflection while eFEL's log fit leans on the slow tail.
                double fit = f.get("time_constant_fit");
                double efelTau = array(e, "time_constant")[0];
                record("time_constant_fit vs eFEL (relative)", Math.abs(fit - efelTau) / efelTau);
                assertTrue(fit > 0.6 * efelTau && fit < 1.15 * efelTau, at + "time_constant_fit " + fit);
                if (abf.equals("18711001.abf")) {
                    assertEquals(efelTau, fit, 0.12 * efelTau, at + "time_constant_fit without sag");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "171116sh_0018.abf, efel_171116sh_0018.json, 50",
            "18711001.abf, efel_18711001.json, 70",
            "File_axon_5.abf, efel_File_axon_5.json, 200"})
    void cellPropertiesAgreeWithTheCommandLevelsAndEfel(String abf, String efelJson, double rheobasePa)
            throws IOException {
        Recording r = Recordings.open(SharedData.path("data/abf/" + abf));
        JsonObject ref = JsonParser.parseString(Files.readString(SharedData.path("data/efel/" + efelJson)))
                .getAsJsonObject();
        RecordingFeatures rf = RecordingFeatures.analyse(r, List.of(), SpikeDetectionSettings.defaults(), null,
                Progress.NONE);
        CellFeatures cell = rf.cell();
        // Rheobase: the smallest step whose sweep fires in the window, one of the command levels.
        assertEquals(rheobasePa, cell.rheobasePa(), 0.5);
        double[] steps = rf.stimulusPa();
        for (int k = 0; k < steps.length; k++) {
            boolean fires = rf.sweeps().get(k).get("Spikecount_stimint") > 0;
            assertEquals(steps[k] >= rheobasePa - 0.5, fires, abf + " sweep " + k + " at " + steps[k] + " pA");
        }
        List<CellFeatures.FiPoint> fi = cell.fiCurve();
        for (int i = 1; i < fi.size(); i++) {
            assertTrue(fi.get(i).rateHz() >= fi.get(i - 1).rateHz(), abf + ": F-I curve is monotone");
        }
        assertTrue(cell.fiSlopeHzPerPa() > 0, abf + ": F-I slope " + cell.fiSlopeHzPerPa());
        // Input resistance: slope of eFEL's voltage_deflection against the step over hyperpolarising sweeps.
        org.apache.commons.math3.stat.regression.SimpleRegression efelVi =
                new org.apache.commons.math3.stat.regression.SimpleRegression();
        ref.getAsJsonArray("sweeps").forEach(e -> {
            JsonObject o = e.getAsJsonObject();
            if (stimulusPa(o) < 0 && scalar(o, "Spikecount_stimint") == 0) {
                efelVi.addData(stimulusPa(o), scalar(o, "voltage_deflection"));
            }
        });
        if (efelVi.getN() >= 2) {
            double efelRin = efelVi.getSlope() * 1000;
            record("cell input_resistance (relative)", Math.abs(cell.inputResistanceMOhm() - efelRin) / efelRin);
            assertEquals(efelRin, cell.inputResistanceMOhm(), 0.05 * efelRin, abf + " input resistance");
            assertTrue(cell.timeConstantMs() > 5 && cell.timeConstantMs() < 200, "tau " + cell.timeConstantMs());
            assertTrue(cell.sagRatio() > 0 && cell.sagRatio() < 1, "sag " + cell.sagRatio());
        } else {
            // no hyperpolarising step in the window: not measured, or read from the sweeps' test pulses
            // (TestPulsePassiveTest), never from the steps' definition
            assertEquals(Double.isNaN(cell.inputResistanceMOhm()) ? "" : CellFeatures.FROM_PULSES,
                    cell.passiveSource(), abf + ": no hyperpolarising step in the window");
        }
    }

    @org.junit.jupiter.api.Test
    void voltageClampFileIsRefused() {
        Recording vc = Recordings.open(SharedData.path("data/abf/17o05024_vc_steps.abf"));
        NotCurrentClampException e = org.junit.jupiter.api.Assertions.assertThrows(NotCurrentClampException.class,
                () -> RecordingFeatures.analyse(vc, List.of(), SpikeDetectionSettings.defaults(), null,
                        Progress.NONE));
        assertTrue(e.getMessage().contains("17o05024_vc_steps.abf") && e.getMessage().contains("voltage-clamp"),
                e.getMessage());
    }

    /** Step amplitude (pA) eFEL was told: stim_pA, or the epoch level, or stim_nA. */
    private static double stimulusPa(JsonObject e) {
        if (e.has("stim_pA")) {
            return e.get("stim_pA").getAsDouble();
        }
        if (e.has("stim_nA")) {
            return e.get("stim_nA").getAsDouble() * 1000;
        }
        return e.get("epoch_level").getAsDouble();
    }

    private static double scalar(JsonObject e, String name) {
        double[] a = array(e, name);
        return a.length == 0 ? 0 : a[0];
    }

    private static double[] array(JsonObject e, String name) {
        JsonElement v = e.get(name);
        if (v == null || v.isJsonNull()) {
            return new double[0];
        }
        return v.getAsJsonArray().asList().stream().mapToDouble(JsonElement::getAsDouble).toArray();
    }

    private static void relative(String name, double[] want, double[] got, double tol, String at) {
        assertEquals(want.length, got.length, at + name + " count");
        for (int i = 0; i < want.length; i++) {
            double dev = Math.abs(got[i] - want[i]) / Math.abs(want[i]);
            record(name + " (relative)", dev);
            assertTrue(dev <= tol, at + name + "[" + i + "]: eFEL " + want[i] + ", ours " + got[i]);
        }
    }

    private static void absolute(String name, double[] want, double[] got, double tol, String at) {
        assertEquals(want.length, got.length, at + name + " count");
        for (int i = 0; i < want.length; i++) {
            double dev = Math.abs(got[i] - want[i]);
            record(name + " (absolute)", dev);
            assertTrue(dev <= tol, at + name + "[" + i + "]: eFEL " + want[i] + ", ours " + got[i]);
        }
    }

    private static synchronized void record(String name, double dev) {
        double[] w = WORST.computeIfAbsent(name, n -> new double[2]);
        w[0] = Math.max(w[0], dev);
        w[1]++;
    }

    @AfterAll
    static void printWorst() {
        WORST.forEach((name, w) -> System.out.printf("eFEL comparison: %-36s max deviation %.4g over %d values%n",
                name, w[0], (long) w[1]));
    }
}
