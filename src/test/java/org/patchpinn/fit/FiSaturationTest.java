package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiSaturationTest {
    /** Step sweeps at 50, 100, … pA with the given counts, every one a training sweep unless excluded. */
    private static List<CellComparison.FiRow> rows(int[] data, int[] model, int excludedFrom) {
        List<CellComparison.FiRow> out = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            out.add(new CellComparison.FiRow(i, i >= excludedFrom ? SweepRoles.EXCLUDED : SweepRoles.TRAINING,
                    50.0 * (i + 1), data[i], model[i], 0, 0));
        }
        return out;
    }

    @Test
    void aCellWhoseFiFlattensWhereTheModelsKeepsRisingIsNamed() {
        // BluePyEfe's 20303005 (50…400 pA) and its traub-rs-m fit of session 30
        FiSaturation s = FiSaturation.of(rows(new int[] {8, 14, 17, 19, 21, 22, 23, 24},
                new int[] {6, 12, 16, 20, 24, 27, 30, 32}, 99));
        assertNotNull(s);
        assertEquals(List.of(5, 6, 7), s.sweeps());
        assertEquals(250, s.fromPa(), 1e-12);
        assertEquals(2.0, s.dataSpikesPer100Pa(), 1e-12);
        assertEquals(16.0 / 3, s.modelSpikesPer100Pa(), 1e-12);
        assertTrue(s.note().contains("flattens above 250 pA"), s.note());
    }

    @Test
    void aModelThatIsOnlyMoreExcitableOrOverfiresOnOneStepIsNotNamed() {
        // over tolerance on every step, but the cell's F–I rises as steeply: a more excitable model, not saturation
        assertNull(FiSaturation.of(rows(new int[] {10, 20, 30, 40}, new int[] {14, 26, 38, 50}, 99)));
        // only the strongest step overfires (18713001's last sweep fires 8 where the one below fires 10)
        assertNull(FiSaturation.of(rows(new int[] {6, 8, 10, 8}, new int[] {6, 9, 11, 12}, 99)));
        // a protocol that repeats one step, overfired every time: no gain to read
        List<CellComparison.FiRow> repeated = List.of(
                new CellComparison.FiRow(0, SweepRoles.TRAINING, 200, 20, 30, 0, 0),
                new CellComparison.FiRow(1, SweepRoles.TEST, 200, 21, 31, 0, 0));
        assertNull(FiSaturation.of(repeated));
    }

    @Test
    void stepsExcludedForDepolarisationBlockAreNotRead() {
        // pyAPisolation's demo_2: the cell goes into block from the fifth step, the model keeps firing
        int[] data = {4, 8, 12, 14, 12, 4, 3, 3};
        int[] model = {5, 8, 12, 16, 27, 34, 41, 48};
        assertNotNull(FiSaturation.of(rows(data, model, 99)));
        assertNull(FiSaturation.of(rows(data, model, 4)));
    }
}
