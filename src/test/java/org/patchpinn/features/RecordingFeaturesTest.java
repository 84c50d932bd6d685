package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.PatchPinnException;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

class RecordingFeaturesTest {
    private final SpikeDetectionSettings s = SpikeDetectionSettings.defaults();

    @Test
    void windowAndAmplitudesComeFromTheCommand() {
        RecordingFeatures rf = RecordingFeatures.analyse(StepProtocol.recording(false), List.of(), s, null,
                Progress.NONE);
        assertEquals(new StimulusWindow(StepProtocol.START_MS, StepProtocol.END_MS), rf.window());
        assertTrue(rf.windowFromCommand());
        double[] amps = rf.stimulusPa();
        for (int k = 0; k < amps.length; k++) {
            assertEquals(StepProtocol.STEPS_PA[k], amps[k], 1e-3);
        }
        assertEquals(StepProtocol.RHEOBASE_PA, rf.cell().rheobasePa());
        assertEquals(150, rf.cell().inputResistanceMOhm(), 3);
    }

    @Test
    void voltsAreConvertedAndSweepsCanBeChosen() {
        RecordingFeatures mv = RecordingFeatures.analyse(StepProtocol.recording(false), List.of(0, 7), s, null,
                Progress.NONE);
        RecordingFeatures v = RecordingFeatures.analyse(StepProtocol.recording(true), List.of(0, 7), s, null,
                Progress.NONE);
        assertEquals(List.of(0, 7), v.sweepIndices());
        assertEquals(mv.sweeps().get(1).get("Spikecount"), v.sweeps().get(1).get("Spikecount"));
        assertEquals(mv.sweeps().get(0).get("voltage_base"), v.sweeps().get(0).get("voltage_base"), 1e-3);
        assertThrows(InvalidParameterException.class, () -> RecordingFeatures.analyse(
                StepProtocol.recording(false), List.of(8), s, null, Progress.NONE));
    }

    @Test
    void userWindowOverridesTheCommand() {
        StimulusWindow w = new StimulusWindow(50, 650);
        RecordingFeatures rf = RecordingFeatures.analyse(StepProtocol.recording(false), List.of(), s, w,
                Progress.NONE);
        assertEquals(w, rf.window());
        assertTrue(!rf.windowFromCommand());
        assertThrows(InvalidParameterException.class, () -> RecordingFeatures.analyse(
                StepProtocol.recording(false), List.of(), s, new StimulusWindow(900, 1000), Progress.NONE));
    }

    @Test
    void voltageClampRecordingIsRefusedWithoutNumbers() {
        Recording vc = Recording.builder().format("simulated", "").sampleRateHz(20000).channel("Im", "pA")
                .commandUnit("mV").sweep(new Sweep(List.of(Trace.of(new double[1000])),
                        Trace.of(new double[1000]))).build();
        NotCurrentClampException e = assertThrows(NotCurrentClampException.class,
                () -> RecordingFeatures.analyse(vc, List.of(), s, null, Progress.NONE));
        assertTrue(e.getMessage().contains("voltage-clamp"), e.getMessage());
        assertTrue(e instanceof PatchPinnException);
    }

    @Test
    void missingCommandNeedsAWindow() {
        Recording noCommand = Recording.builder().format("simulated", "").sampleRateHz(20000).channel("Vm", "mV")
                .sweep(new Sweep(List.of(Trace.of(StepProtocol.sweep(0, 1).v)), null)).build();
        PatchPinnException e = assertThrows(PatchPinnException.class,
                () -> RecordingFeatures.analyse(noCommand, List.of(), s, null, Progress.NONE));
        assertTrue(e.getMessage().contains("stim_start_ms"), e.getMessage());
        RecordingFeatures rf = RecordingFeatures.analyse(noCommand, List.of(), s, new StimulusWindow(100, 600),
                Progress.NONE);
        assertTrue(Double.isNaN(rf.stimulusPa()[0]));
    }
}
