package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.io.Recordings;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;

/**
 * 18711001.abf steps only upwards (from 0 pA), and each sweep holds a fixed hyperpolarising test pulse: its cell
 * input resistance and time constant had been "not measured" in `features` while the fit read them from those
 * pulses (cell_comparison: 209 MΩ once the 11.6 MΩ bridge error is subtracted, 20.9 ms). They are now read there,
 * and said so; a recording with hyperpolarising step sweeps keeps its steps' figures.
 */
class TestPulsePassiveTest {
    private static CellFeatures cell(String file) {
        return RecordingFeatures.analyse(Recordings.open(SharedData.path("data/abf/" + file)), List.of(),
                SpikeDetectionSettings.defaults(), null, Progress.NONE).cell();
    }

    @Test
    void aProtocolWithoutHyperpolarisingStepsIsMeasuredOnItsTestPulses() {
        CellFeatures c = cell("18711001.abf");
        assertEquals(CellFeatures.FROM_PULSES, c.passiveSource());
        // raw V: the fit's 209 MΩ plus the bridge's 11.6
        assertEquals(220.6, c.inputResistanceMOhm(), 2);
        assertEquals(19.9, c.timeConstantMs(), 1);

        CellFeatures steps = cell("171116sh_0018.abf");
        assertEquals(CellFeatures.FROM_STEPS, steps.passiveSource());
    }
}
