package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-cell properties of the simulated step protocol, whose answers are known. */
class CellFeaturesTest {
    @Test
    void fiCurveRheobaseResistanceAndTimeConstant() {
        SweepFeatureExtractor ex = new SweepFeatureExtractor(SpikeDetectionSettings.defaults());
        StimulusWindow w = new StimulusWindow(StepProtocol.START_MS, StepProtocol.END_MS);
        List<SweepFeatures> sweeps = new ArrayList<>();
        double[] steps = StepProtocol.STEPS_PA;
        for (int k = 0; k < steps.length; k++) {
            sweeps.add(ex.extract(StepProtocol.sweep(steps[k], k).v, StepProtocol.DT, w, steps[k]));
        }
        CellFeatures cell = CellFeatures.of(sweeps, steps);

        List<CellFeatures.FiPoint> fi = cell.fiCurve();
        assertEquals(steps.length, fi.size());
        for (int i = 1; i < fi.size(); i++) {
            assertTrue(fi.get(i).currentPa() > fi.get(i - 1).currentPa());
            assertTrue(fi.get(i).rateHz() >= fi.get(i - 1).rateHz(), "F-I curve is monotone");
        }
        for (CellFeatures.FiPoint p : fi) {
            // spikes / 0.5 s is the programmed rate up to one spike
            assertEquals(StepProtocol.rateHz(p.currentPa()), p.rateHz(), 2.0 + 1e-9, "rate at " + p.currentPa());
        }
        assertEquals(StepProtocol.RHEOBASE_PA, cell.rheobasePa());
        assertEquals(StepProtocol.SLOPE_HZ_PER_PA, cell.fiSlopeHzPerPa(), 0.03);
        assertEquals(150, cell.inputResistanceMOhm(), 3);
        assertEquals(20, cell.timeConstantMs(), 1);
        assertEquals(0, cell.sagRatio(), 0.05);
        assertEquals(2, cell.get(FeatureNames.HYPERPOLARISING_SWEEPS));
        assertEquals(4, cell.get(FeatureNames.SPIKING_SWEEPS));
        for (String name : FeatureNames.CELL) {
            FeatureNames.unitOf(name);
        }
        assertEquals("Hz/pA", FeatureNames.unitOf(FeatureNames.FI_SLOPE));
    }

    @Test
    void aZeroStepStoredWithRoundingIsNotTheRheobase() {
        // A spontaneously firing cell: the "0 pA" step read back as 3e-5 pA must not become the rheobase.
        SweepFeatureExtractor ex = new SweepFeatureExtractor(SpikeDetectionSettings.defaults());
        StimulusWindow w = new StimulusWindow(StepProtocol.START_MS, StepProtocol.END_MS);
        SyntheticTrace spontaneous = new SyntheticTrace(800, StepProtocol.DT, -65).spike(300).noise(0.05, 3);
        double[] steps = {-100, 2.98e-5, 200};
        List<SweepFeatures> sweeps = List.of(
                ex.extract(StepProtocol.sweep(-100, 1).v, StepProtocol.DT, w, steps[0]),
                ex.extract(spontaneous.v, StepProtocol.DT, w, steps[1]),
                ex.extract(StepProtocol.sweep(200, 2).v, StepProtocol.DT, w, steps[2]));
        assertEquals(200, CellFeatures.of(sweeps, steps).rheobasePa());
    }

    @Test
    void noSpikesMeansNoRheobase() {
        SweepFeatureExtractor ex = new SweepFeatureExtractor(SpikeDetectionSettings.defaults());
        StimulusWindow w = new StimulusWindow(StepProtocol.START_MS, StepProtocol.END_MS);
        double[] steps = {-50, 50};
        List<SweepFeatures> sweeps = List.of(ex.extract(StepProtocol.sweep(-50, 1).v, StepProtocol.DT, w, -50),
                ex.extract(StepProtocol.sweep(50, 2).v, StepProtocol.DT, w, 50));
        CellFeatures cell = CellFeatures.of(sweeps, steps);
        assertTrue(Double.isNaN(cell.rheobasePa()));
        assertTrue(Double.isNaN(cell.fiSlopeHzPerPa()));
        // One hyperpolarising sweep: its ratio.
        assertEquals(150, cell.inputResistanceMOhm(), 3);
    }

    @Test
    void aSlopeOfTheWrongSignIsNotAnInputResistance() {
        // steps of -100 and -50 pA recorded with the deflections of +50 and +100 pA (a rig that inverted the
        // command, or steps whose membrane gave way): the V-I slope is negative, and is reported as not measured
        SweepFeatureExtractor ex = new SweepFeatureExtractor(SpikeDetectionSettings.defaults());
        StimulusWindow w = new StimulusWindow(StepProtocol.START_MS, StepProtocol.END_MS);
        double[] steps = {-100, -50};
        List<SweepFeatures> sweeps = List.of(ex.extract(StepProtocol.sweep(50, 1).v, StepProtocol.DT, w, -100),
                ex.extract(StepProtocol.sweep(20, 2).v, StepProtocol.DT, w, -50));
        assertTrue(Double.isNaN(CellFeatures.of(sweeps, steps).inputResistanceMOhm()));
    }
}
