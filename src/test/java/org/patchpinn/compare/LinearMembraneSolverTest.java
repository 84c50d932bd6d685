package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.patchpinn.trace.CurrentClampSweep.Current.RECORDED;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.PatchPinnException;
import org.patchpinn.trace.CurrentClampSweep;
import org.patchpinn.trace.Recording;

class LinearMembraneSolverTest {
    private static final double[] STEPS = {-80, 30};

    @Test
    void recoversTheMembraneOfANoiselessRecording() {
        SyntheticCell cell = SyntheticCell.at(1, 1.0);
        Recording r = cell.record(STEPS, 300, 0, 1);
        LinearMembrane m = LinearMembraneSolver.solve(SubthresholdSystem.build(CurrentClampSweep.all(r, RECORDED),
                SubthresholdSettings.DEFAULT));
        assertEquals(cell.cPf(), m.cPf(), 0.01 * cell.cPf());
        assertEquals(cell.gLin(), m.gNs(), 0.02 * cell.gLin());
        assertEquals(cell.eLin(), m.eMv(), 0.3);
        assertEquals(cell.gM(), m.gMNs(), 0.05 * cell.gM());
    }

    @Test
    void poolingACellsRecordingsSharesCapacitanceAndKeepsEachLinearConductance() {
        List<SubthresholdSystem> systems = new ArrayList<>();
        double[] levels = {0.5, 2, 8};
        for (int k = 0; k < levels.length; k++) {
            Recording r = SyntheticCell.at(0, levels[k]).record(STEPS, 300, 0.3, 10 + k);
            systems.add(SubthresholdSystem.build(CurrentClampSweep.all(r, RECORDED), SubthresholdSettings.DEFAULT));
        }
        List<LinearMembrane> joint = LinearMembraneSolver.solveJoint(systems);
        for (int k = 0; k < levels.length; k++) {
            SyntheticCell cell = SyntheticCell.at(0, levels[k]);
            assertEquals(joint.get(0).cPf(), joint.get(k).cPf(), 1e-9);
            assertEquals(cell.gLin(), joint.get(k).gNs(), 4 * joint.get(k).seG() + 0.05, "g_lin at " + levels[k]);
            assertEquals(cell.eLin(), joint.get(k).eMv(), 4 * joint.get(k).seE() + 0.3, "E_lin at " + levels[k]);
        }
    }

    @Test
    void aRecordingWithoutSubthresholdStretchesIsRejectedWithAReason() {
        Recording r = SyntheticCell.at(0, 1).record(new double[] {0}, 10, 0, 1);
        Recording depolarised = new SyntheticCell(100, 3, -20, 0, -90, 0, -90).record(new double[] {0}, 10, 0, 1);
        SubthresholdSystem none = SubthresholdSystem.build(CurrentClampSweep.all(depolarised, RECORDED), SubthresholdSettings.DEFAULT);
        assertEquals(0, none.windows());
        PatchPinnException e = assertThrows(PatchPinnException.class, () -> LinearMembraneSolver.solve(none));
        assertEquals(true, e.getMessage().contains("subthreshold"), e.getMessage());
        // a recording at rest only has windows but no current step: the linear membrane is undetermined
        SubthresholdSystem flat = SubthresholdSystem.build(CurrentClampSweep.all(r, RECORDED), SubthresholdSettings.DEFAULT);
        assertThrows(PatchPinnException.class, () -> LinearMembraneSolver.solve(flat));
    }
}
