package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationGammaTest {
    private static SweepValidation sweep(String role, double gamma, int dataSpikes, int modelSpikes) {
        return new SweepValidation(null, !role.equals(SweepRoles.TRAINING), null, 1.0, gamma, dataSpikes,
                modelSpikes, Map.of(), Map.of(), role);
    }

    @Test
    void silentTestSweepsAreCountedNotAveragedIntoTheReportedGamma() {
        List<SweepValidation> v = List.of(sweep(SweepRoles.TEST, 1.0, 0, 0), sweep(SweepRoles.TEST, 1.0, 0, 0),
                sweep(SweepRoles.TEST, 0.0, 0, 3), sweep(SweepRoles.TEST, -0.01, 2, 3),
                sweep(SweepRoles.TRAINING, 0.9, 5, 5));
        // the choice figure keeps every sweep; the reported one only those with spikes
        assertEquals((1.0 + 1.0 + 0.0 - 0.01) / 4, Validation.meanGamma(v, SweepRoles.TEST), 1e-12);
        assertEquals(-0.005, Validation.spikingGamma(v, SweepRoles.TEST), 1e-12);
        assertEquals(2, Validation.spikingSweeps(v, SweepRoles.TEST));
        Validation.SilentSweeps silent = Validation.silentSweeps(v, SweepRoles.TEST);
        assertEquals(3, silent.count());
        assertEquals(2, silent.modelSilent());
        assertEquals("2 of 3", silent.toString());
    }

    @Test
    void noSweepWithSpikesGivesAnUndefinedGamma() {
        List<SweepValidation> v = List.of(sweep(SweepRoles.TEST, 1.0, 0, 0));
        assertTrue(Double.isNaN(Validation.spikingGamma(v, SweepRoles.TEST)));
        assertEquals(0, Validation.spikingSweeps(v, SweepRoles.TEST));
    }
}
