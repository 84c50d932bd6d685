package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.op.FeaturesOperation;
import org.patchpinn.op.OperationResult;
import org.patchpinn.op.Operations;
import org.patchpinn.op.ParamValues;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.report.Table;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

/** The 'features' operation on the simulated step protocol: tables, result.json, plots. */
class FeaturesOperationTest {
    @TempDir
    Path tmp;

    /** The step protocol as a rig records it: each sample's voltage becomes {@code rig(V, command in pA)}. */
    private static Recording recorded(DoubleBinaryOperator rig) {
        Recording.Builder b = Recording.builder().format("simulated", "").sampleRateHz(1000 / StepProtocol.DT)
                .channel("Vm", "mV").commandUnit("pA");
        for (int k = 0; k < StepProtocol.STEPS_PA.length; k++) {
            double pa = StepProtocol.STEPS_PA[k];
            double[] v = StepProtocol.sweep(pa, 100 + k).v.clone();
            double[] c = StepProtocol.command(pa, v.length);
            for (int i = 0; i < v.length; i++) {
                v[i] = rig.applyAsDouble(v[i], c[i]);
            }
            b.sweep(new Sweep(List.of(Trace.of(v)), Trace.of(c)));
        }
        return b.build();
    }

    private ParamValues params(String... extra) throws IOException {
        Path dummy = Files.writeString(tmp.resolve("cell.abf"), "x");
        String[] kv = new String[extra.length + 2];
        kv[0] = "file";
        kv[1] = dummy.toString();
        System.arraycopy(extra, 0, kv, 2, extra.length);
        return ParamValues.of(new FeaturesOperation().params(), kv);
    }

    @Test
    void writesTablesJsonAndOnePlotPerSweep() throws IOException {
        FeaturesOperation op = (FeaturesOperation) Operations.byVerb("features").orElseThrow();
        assertEquals("Summary Statistics", op.title());
        OperationResult result = op.run(StepProtocol.recording(false), params("sweeps", "0-3,6"), Progress.NONE);
        Table sweeps = result.tables().get(0).table();
        Table cell = result.tables().get(1).table();
        assertEquals("PatchPINN Features", sweeps.name());
        assertEquals("PatchPINN Cell", cell.name());
        assertEquals(5, sweeps.rowCount());
        assertEquals(1, cell.rowCount());
        assertTrue(sweeps.columns().contains("AP_amplitude (mV)"));
        assertTrue(sweeps.columns().contains("spike_half_width (ms)"));
        assertTrue(sweeps.columns().contains("Spikecount"));
        assertEquals(6, sweeps.getNumber(4, "sweep"));
        assertEquals(-100, sweeps.getNumber(0, "stimulus_current (pA)"), 1e-3);
        assertTrue(sweeps.getNumber(4, "Spikecount") > 0);
        assertEquals(150, cell.getNumber(0, "input_resistance (MOhm)"), 3);
        assertEquals(5, result.charts().size());

        Path out = tmp.resolve("out");
        result.writeTo(new OutputFolder(out));
        for (String f : List.of("features.csv", "cell.csv", "result.json", "sweep_0.png", "sweep_6.png")) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("result.json"))).getAsJsonObject();
        assertEquals("mV", json.getAsJsonObject("units").get("AP_amplitude").getAsString());
        assertEquals(100.0, json.getAsJsonObject("stimulus_window").get("start_ms").getAsDouble(), 1e-9);
        JsonObject sweep6 = json.getAsJsonArray("sweeps").get(4).getAsJsonObject();
        assertEquals(sweeps.getNumber(4, "Spikecount"), sweep6.getAsJsonArray("spikes").size());
        assertEquals(5, json.getAsJsonArray("fi_curve").size());
        String csv = Files.readString(out.resolve("features.csv"));
        assertTrue(csv.startsWith("sweep,Spikecount,Spikecount_stimint,time_to_first_spike (ms)"), csv);
        // Artefacts of every sweep (not only the chosen ones): this clean model cell has none.
        String artefacts = Files.readString(out.resolve("artefacts.csv"));
        assertTrue(artefacts.startsWith("sweep,bridge_MOhm,drift_mV,hum_mV,depolarisation_block,no_response,notes"), artefacts);
        assertEquals("PatchPINN Artefacts", result.tables().get(2).table().name());
        assertEquals(StepProtocol.STEPS_PA.length, result.tables().get(2).table().rowCount());
        JsonObject art = json.getAsJsonObject("artefacts");
        assertEquals(0, art.get("bridge_MOhm").getAsDouble(), 0.5);
        assertEquals(0, art.getAsJsonArray("warnings").size());
        assertTrue(result.summary().contains("bridge Rs"), result.summary());
        assertTrue(!result.summary().contains("warnings"), result.summary());
    }

    /**
     * An unbalanced bridge (Rs 20 MOhm: V recorded = V membrane + Rs·I) adds Rs to the input resistance read on the
     * raw voltage; result.json and the summary also give it less the measured Rs, the figure the fit compares with.
     */
    @Test
    void theInputResistanceIsAlsoGivenLessTheBridgeError() throws IOException {
        double rs = 20;
        OperationResult result = new FeaturesOperation().run(recorded((v, pa) -> v + rs * pa / 1000), params(),
                Progress.NONE);
        JsonObject cell = result.json().getAsJsonObject("cell");
        assertEquals(150 + rs, result.tables().get(1).table().getNumber(0, "input_resistance (MOhm)"), 3);
        assertEquals(rs, result.json().getAsJsonObject("artefacts").get("bridge_MOhm").getAsDouble(), 2);
        assertEquals(150, cell.get("input_resistance_less_bridge_MOhm").getAsDouble(), 3);
        assertEquals(cell.get("input_resistance_less_bridge_MOhm").getAsDouble(),
                result.tables().get(1).table().getNumber(0, "input_resistance_less_bridge (MOhm)"), 1e-9);
        assertTrue(result.summary().contains("(input resistance less Rs: "), result.summary());
    }

    @Test
    void aStepThatNeverReachedTheCellIsNotReadAsItsInputResistance() throws IOException {
        // the protocol with its -100 pA sweep recorded flat (the rig never passed the step on), as 97509008.abf's
        // -2000...-1000 pA steps: the recording's input resistance read -23 MOhm before
        Recording.Builder b = Recording.builder().format("simulated", "").sampleRateHz(1000 / StepProtocol.DT)
                .channel("Vm", "mV").commandUnit("pA");
        for (int k = 0; k < StepProtocol.STEPS_PA.length; k++) {
            double pa = StepProtocol.STEPS_PA[k];
            double[] v = (k == 0 ? StepProtocol.sweep(0, 100) : StepProtocol.sweep(pa, 100 + k)).v;
            b.sweep(new Sweep(List.of(Trace.of(v)), Trace.of(StepProtocol.command(pa, v.length))));
        }
        OperationResult result = new FeaturesOperation().run(b.build(), params(), Progress.NONE);
        Table cell = result.tables().get(1).table();
        assertEquals(150, cell.getNumber(0, "input_resistance (MOhm)"), 3);
        assertTrue(result.summary().contains("no response: sweeps 0 "), result.summary());
    }

    @Test
    void aVoltageOffsetIsMeasuredAfterTheJunctionPotentialGiven() throws IOException {
        // the protocol recorded with a +50 mV offset (99111002.nwb rests near -13 mV): spikes peak near +80 mV and
        // the baseline sits above -30 mV; with ljp_mv 50, as the fit takes it, the corrected cell is measured
        double offset = 50;
        Recording shifted = recorded((v, pa) -> v + offset);
        OperationResult raw = new FeaturesOperation().run(shifted, params(), Progress.NONE);
        OperationResult corrected = new FeaturesOperation().run(shifted, params("ljp_mv", "50"), Progress.NONE);
        OperationResult truth = new FeaturesOperation().run(StepProtocol.recording(false), params(), Progress.NONE);
        assertTrue(raw.summary().contains("depolarised baseline"), raw.summary());
        assertTrue(!corrected.summary().contains("depolarised baseline"), corrected.summary());
        Table c = corrected.tables().get(0).table();
        Table t = truth.tables().get(0).table();
        for (int row = 0; row < t.rowCount(); row++) {
            assertEquals(t.getNumber(row, "voltage_base (mV)"), c.getNumber(row, "voltage_base (mV)"), 1e-6);
            assertEquals(t.getNumber(row, "Spikecount"), c.getNumber(row, "Spikecount"));
        }
        assertEquals(50.0, corrected.json().get("ljp_mV").getAsDouble());
    }

    @Test
    void realCellsArtefactsAreWarnedAboutInTheSummary() throws IOException {
        Recording r = org.patchpinn.io.Recordings.open(org.patchpinn.testing.SharedData.path(
                "data/abf/171116sh_0018.abf"));
        OperationResult result = new FeaturesOperation().run(r, params("sweeps", "0,16"), Progress.NONE);
        assertTrue(result.summary().contains("warnings: bridge balance: Rs 11."), result.summary());
        assertEquals(17, result.json().getAsJsonObject("artefacts").getAsJsonArray("sweeps").size());
    }

    @Test
    void windowOverrideAndThresholdsAreUsed() throws IOException {
        FeaturesOperation op = new FeaturesOperation();
        OperationResult r = op.run(StepProtocol.recording(false), params("stim_start_ms", "300", "stim_end_ms",
                "600", "min_peak", "50"), Progress.NONE);
        Table sweeps = r.tables().get(0).table();
        assertEquals(0, sweeps.getNumber(7, "Spikecount")); // no spike reaches +50 mV
        assertEquals(300, r.json().getAsJsonObject("stimulus_window").get("start_ms").getAsDouble());
        assertThrows(InvalidParameterException.class, () -> op.run(StepProtocol.recording(false),
                params("stim_start_ms", "300"), Progress.NONE));
        assertThrows(InvalidParameterException.class, () -> op.run(StepProtocol.recording(false),
                params("stim_start_ms", "300", "stim_end_ms", "200"), Progress.NONE));
    }

    @Test
    void voltageClampFileGetsAMessageNotNumbers() throws IOException {
        Recording vc = Recording.builder().format("simulated", "").sampleRateHz(20000).channel("Im", "pA")
                .commandUnit("mV").sweep(new Sweep(List.of(Trace.of(new double[2000])),
                        Trace.of(new double[2000]))).build();
        ParamValues p = params();
        NotCurrentClampException e = assertThrows(NotCurrentClampException.class,
                () -> new FeaturesOperation().run(vc, p, Progress.NONE));
        assertTrue(e.getMessage().contains("current-clamp"), e.getMessage());
    }
}
