package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class StimulusWindowsTest {
    private static double[] levels(int n, int[][] epochs, double holding) {
        double[] c = new double[n];
        java.util.Arrays.fill(c, holding);
        for (int[] e : epochs) {
            for (int i = e[0]; i < e[1]; i++) {
                c[i] = e[2];
            }
        }
        return c;
    }

    @Test
    void longestNonHoldingStepIsTheWindow() {
        // Prepulse of -100 pA for 300 samples, then a 500-sample step, holding at +20 pA.
        double[] c = levels(2000, new int[][] {{100, 400, -80}, {800, 1300, 120}}, 20);
        StimulusWindow w = StimulusWindows.fromCommand(c, 0.05);
        assertEquals(800 * 0.05, w.startMs(), 1e-9);
        assertEquals(1300 * 0.05, w.endMs(), 1e-9);
        assertEquals(100, StimulusWindows.amplitude(c, 0.05, w), 1e-9);
    }

    @Test
    void equalStepsTakeTheFirstAndAdjacentEpochsAreSeparate() {
        double[] c = levels(3000, new int[][] {{100, 600, 50}, {1500, 2000, 50}}, 0);
        assertEquals(5.0, StimulusWindows.fromCommand(c, 0.05).startMs(), 1e-9);
        double[] adjacent = levels(3000, new int[][] {{100, 300, -100}, {300, 1000, 40}}, 0);
        StimulusWindow w = StimulusWindows.fromCommand(adjacent, 1);
        assertEquals(300, w.startMs(), 1e-9);
        assertEquals(1000, w.endMs(), 1e-9);
    }

    @Test
    void aRampIsOneStretch() {
        double[] c = new double[3000];
        for (int i = 500; i < 2500; i++) {
            c[i] = (i - 500) * 0.2; // 0 to 400 pA over 2000 samples
        }
        StimulusWindow w = StimulusWindows.fromCommand(c, 0.1);
        assertEquals(50.1, w.startMs(), 1e-9); // sample 500 is still at holding
        assertEquals(250, w.endMs(), 1e-9);
    }

    @Test
    void holdingOnlyHasNoWindowAndTheCommonWindowIgnoresIt() {
        double[] flat = new double[500];
        assertNull(StimulusWindows.fromCommand(flat, 0.1));
        // A protocol whose 0 pA sweep has only the prepulse: most sweeps agree on the step.
        double[] zero = levels(2000, new int[][] {{100, 400, -100}}, 0);
        double[] step1 = levels(2000, new int[][] {{100, 400, -100}, {800, 1300, 10}}, 0);
        double[] step2 = levels(2000, new int[][] {{100, 400, -100}, {800, 1300, 20}}, 0);
        StimulusWindow w = StimulusWindows.common(List.of(zero, step1, step2, flat.clone()), 1);
        assertEquals(new StimulusWindow(800, 1300), w);
        assertEquals(0, StimulusWindows.amplitude(zero, 1, w), 1e-9);
    }

    @Test
    void theProtocolsStepIsTheEpochThatChangesBetweenSweepsNotTheLongestOne() {
        // 17o05028_ic_steps' protocol, shortened: a step from -20 to +20 pA, then a fixed -50 pA test pulse that is
        // longer than the step; the 0 pA sweep's only stretch is the test pulse (it was read as a -50 pA step)
        double[][] sweeps = new double[5][];
        for (int k = 0; k < 5; k++) {
            int level = -20 + 10 * k;
            sweeps[k] = level == 0 ? levels(3000, new int[][] {{1200, 2000, -50}}, 0)
                    : levels(3000, new int[][] {{200, 700, level}, {1200, 2000, -50}}, 0);
        }
        StimulusWindow protocol = StimulusWindows.common(List.of(sweeps), 1);
        assertEquals(new StimulusWindow(200, 700), protocol);
        assertEquals(new StimulusWindow(1200, 2000), StimulusWindows.fromCommand(sweeps[2], 1));
        assertEquals(protocol, StimulusWindows.inSweep(sweeps[2], 1, protocol));
        assertEquals(0, StimulusWindows.amplitude(sweeps[2], 1, protocol), 1e-9);
        // a sweep's own step where it differs from the protocol's (steps lengthened sweep by sweep)
        double[] longer = levels(3000, new int[][] {{200, 900, 30}, {1200, 2000, -50}}, 0);
        assertEquals(new StimulusWindow(200, 900), StimulusWindows.inSweep(longer, 1, protocol));
        assertEquals(new StimulusWindow(1200, 2000), StimulusWindows.inSweep(sweeps[2], 1, null));
    }
}
