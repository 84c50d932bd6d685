package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.trace.CurrentClampSweep;

/** The default sweep roles' passive reference: a hyperpolarising step the membrane answers near-linearly. */
class SweepRolesTest {
    private static final double DT = 0.1;

    /** A 400 ms step from 50 ms in 600 ms sweeps; V = rest + R·I (a passive cell without charging). */
    private static List<FitSweep> passive(double rMohm, double... amplitudesPa) {
        List<FitSweep> out = new ArrayList<>();
        for (int k = 0; k < amplitudesPa.length; k++) {
            double[] i = new double[6000];
            double[] v = new double[6000];
            for (int j = 0; j < v.length; j++) {
                i[j] = j >= 500 && j < 4500 ? amplitudesPa[k] : 0;
                v[j] = -70 + rMohm * i[j] * 1e-3 + 0.1 * Math.sin(j);
            }
            out.add(new FitSweep(new CurrentClampSweep(k, v, i, DT), Stimuli.sampled(i, DT, "step " + k)));
        }
        return out;
    }

    @Test
    void thePassiveReferenceIsTheMostHyperpolarisingStepWithin30MvOfRest() {
        // steps to -2 nA into 50 MOhm: -100, -50, -20, -10 mV; then silent depolarising steps
        List<FitSweep> all = passive(50, -2000, -1000, -400, -200, 100, 200);
        SweepRoles roles = SweepRoles.forSteps(StepSweep.of(all), all.size(), List.of());
        assertTrue(roles.training().contains(2), "-400 pA, 20 mV down: " + roles);
        assertFalse(roles.training().contains(0), "-2 nA, 100 mV down, is not read as passive: " + roles);
        assertTrue(roles.rule().contains("within 30 mV"), roles.rule());
    }

    @Test
    void withEveryStepFurtherDownTheWeakestIsTheReferenceAndSmallFamiliesKeepTheMostHyperpolarising() {
        List<FitSweep> steep = passive(500, -400, -300, -200, -100, 20, 40);
        SweepRoles roles = SweepRoles.forSteps(StepSweep.of(steep), steep.size(), List.of());
        assertTrue(roles.training().contains(3), "-100 pA (50 mV down), the weakest: " + roles);
        assertEquals(List.of(0), SweepRoles.forSteps(StepSweep.of(passive(100, -150, -50, 20, 40, 60)), 5, List.of())
                .training().subList(0, 1), "-150 pA is 15 mV down: the most hyperpolarising, as before");
    }

    @Test
    void aSweepFiringAtZeroPicoampereIsNoRheobaseAndAZeroStepIsStillAStep() {
        // -20 … +50 pA; the cell fires on its own (3 spikes in the window at 0 pA), evoked from +10 pA
        double[] amplitudes = {-20, -10, 0, 10, 20, 30, 40, 50};
        List<double[]> commands = new ArrayList<>();
        List<FitSweep> all = new ArrayList<>();
        for (int k = 0; k < amplitudes.length; k++) {
            double[] i = new double[6000];
            double[] v = new double[6000];
            int spikes = amplitudes[k] == 0 ? 3 : amplitudes[k] > 0 ? (int) amplitudes[k] / 5 : 0;
            for (int j = 0; j < v.length; j++) {
                i[j] = j >= 500 && j < 4500 ? amplitudes[k] : 0;
                v[j] = -70 + 0.2 * i[j];
            }
            for (int s = 0; s < spikes; s++) {
                int at = 600 + s * 3800 / spikes;
                java.util.Arrays.fill(v, at, at + 10, 20);
            }
            commands.add(i);
            all.add(new FitSweep(new CurrentClampSweep(k, v, i, DT), Stimuli.sampled(i, DT, "step " + k)));
        }
        org.patchpinn.features.StimulusWindow protocol = org.patchpinn.features.StimulusWindows.common(commands, DT);
        List<FitSweep> read = all.stream().map(f -> new FitSweep(f.data(), f.stim(), protocol)).toList();
        List<StepSweep> steps = StepSweep.of(read);
        assertEquals(amplitudes.length, steps.size(), "the 0 pA sweep is a step of its protocol");
        assertEquals(0, steps.get(2).amplitudePa(), 1e-9);
        SweepRoles roles = SweepRoles.forSteps(steps, read.size(), List.of());
        assertTrue(roles.training().contains(3), "+10 pA is the rheobase: " + roles);
        assertFalse(roles.training().contains(2), "0 pA fires on its own, not rheobase: " + roles);
        // seen alone, the 0 pA sweep has no step (its command never leaves holding)
        assertEquals(amplitudes.length - 1, StepSweep.of(all).size());
    }
}
