package org.patchpinn.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.patchpinn.task.CancelledException;
import org.patchpinn.task.Progress;

/**
 * {@code latent auto} trains candidates in turn (a second new state only when the first was chosen over none) while
 * the previous one is refined on a second thread.
 */
class NewStateFitTest {
    private static NewStateFit.Settings settings(String method) {
        return new NewStateFit.Settings(method, TestBases.HH_SQUID, "auto", List.of(0), List.of(1), 3, 1, "cpu", 20);
    }

    @Test
    void everyCandidateIsKeptInOrderAndRunsAreReproducible() {
        CurrentClampData d = HybridFitterTest.squidData();
        for (String method : List.of("hybrid", "pinn")) {
            NewStateFit.Outcome a = new NewStateFit().run(d, settings(method), Progress.NONE);
            NewStateFit.Outcome b = new NewStateFit().run(d, settings(method), Progress.NONE);
            List<Integer> tried = a.candidates().stream().map(NewStateFit.Candidate::latentCount).toList();
            // forward selection: 2 new states are tried only when 1 was chosen over none
            List<Integer> expected = NewStateFit.choose(a.candidates().subList(0, 2)).latentCount() == 1
                    ? List.of(0, 1, 2) : List.of(0, 1);
            assertEquals(expected, tried, method);
            assertEquals(tried.size(), b.candidates().size());
            for (int k = 0; k < tried.size(); k++) {
                assertEquals(a.candidates().get(k).heldOutAgreement(), b.candidates().get(k).heldOutAgreement(),
                        method + " candidate " + k);
                assertEquals(a.candidates().get(k).model().parameters()[1], b.candidates().get(k).model()
                        .parameters()[1], method + " candidate " + k);
            }
            assertEquals(a.chosen().latentCount(), b.chosen().latentCount());
        }
    }

    @Test
    void everyCandidateWithNewStatesIsScoredInItsFinalForm() {
        CurrentClampData d = HybridFitterTest.squidData();
        // a final form that marks what it hands back: its own copy of the learned model with g doubled
        Map<FittedModel, Integer> handedBack = new ConcurrentHashMap<>();
        NewStateFit.FinalForm doubled = (learned, progress) -> {
            List<FittedModel.Latent> ls = learned.latents().stream()
                    .map(l -> FittedModel.Latent.of(2 * l.gNs(), l.eMv(), l::zInfAt, l::tauAt)).toList();
            FittedModel out = new FittedModel(learned.base(), learned.parameters(), ls);
            handedBack.put(out, ls.size());
            return out;
        };
        NewStateFit.Outcome o = new NewStateFit(null, m -> m.latents().size(), doubled).run(d, settings("hybrid"),
                Progress.NONE);
        for (NewStateFit.Candidate c : o.candidates()) {
            if (c.latentCount() == 0) {
                assertFalse(handedBack.containsKey(c.model()), "no new state, no final form");
            } else {
                assertEquals(c.latentCount(), handedBack.get(c.model()), "candidate " + c.latentCount()
                        + " is the final form's model");
            }
            // scored on that model: the statistics function sees it
            assertEquals(c.latentCount(), c.heldOutStatistics(), 0);
            assertEquals(HybridFitter.scoreAll(c.model(), d.select(List.of(1))).get(0).gamma(),
                    c.heldOut().get(0).gamma(), 1e-12);
        }
    }

    @Test
    void cancellingDuringALaterCandidateStopsTheWholeRun() {
        CurrentClampData d = HybridFitterTest.squidData();
        // cancelled once the second candidate has started training (the first is then being refined)
        boolean[] second = {false};
        Progress p = new Progress() {
            @Override public void status(String m) {
                if (m.contains("1 latent")) {
                    second[0] = true;
                }
            }
            @Override public void fraction(double f) { }
            @Override public boolean isCancelled() { return second[0]; }
        };
        assertThrows(CancelledException.class, () -> new NewStateFit().run(d, settings("hybrid"), p));
    }
}
