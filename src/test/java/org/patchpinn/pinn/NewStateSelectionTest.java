package org.patchpinn.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NewStateSelectionTest {
    static SweepScore score(double gamma, int spikes) {
        return new SweepScore(2, 400, gamma, spikes, spikes, 0, 0, 1, 1, 10, 10, 20, 20);
    }

    @Test
    void toleranceIsTwoBinomialStandardErrorsOfTheHeldOutGamma() {
        assertEquals(2 * Math.sqrt(0.9 * 0.1 / 29), NewStateFit.tolerance(List.of(score(0.9, 29))), 1e-12);
        // pooled over sweeps, weighted by their spikes: Γ (0.8·10 + 1.0·30)/40 = 0.95
        assertEquals(2 * Math.sqrt(0.95 * 0.05 / 40), NewStateFit.tolerance(List.of(score(0.8, 10), score(1.0, 30))),
                1e-12);
    }

    @Test
    void toleranceNeverFallsBelowTheMinimum() {
        assertEquals(NewStateFit.TOLERANCE, NewStateFit.tolerance(List.of(score(1.0, 29))));
        assertEquals(NewStateFit.TOLERANCE, NewStateFit.tolerance(List.of(score(0.99, 2000))));
        assertEquals(NewStateFit.TOLERANCE, NewStateFit.tolerance(List.of(score(0, 0))), "no held-out spikes");
    }

    private static NewStateFit.Candidate candidate(int k, double agreement, SweepScore... held) {
        return candidate(k, agreement, Double.NaN, held);
    }

    private static NewStateFit.Candidate candidate(int k, double agreement, double statistics, SweepScore... held) {
        return new NewStateFit.Candidate(k, null, List.of(held), List.of(), agreement, statistics, List.of(),
                List.of(), 0, "cpu");
    }

    /** A held-out score with these counts and Γ 1 (so the tolerance is its 0.05 minimum). */
    private static SweepScore counts(int data, int model) {
        return new SweepScore(2, 400, 1.0, data, model, 0, 0, 1, 1, 10, 10, 20, 20);
    }

    @Test
    void aNewStateThatCostsFiAgreementIsNotChosenWhateverItsTiming() {
        NewStateFit.Candidate none = candidate(0, 0.2, counts(10, 11), counts(20, 22));
        // better timing, but 30 spikes where the cell fires 20: one sweep fewer within max(2, 20 %)
        NewStateFit.Candidate one = candidate(1, 0.9, counts(10, 10), counts(20, 30));
        NewStateFit.Candidate two = candidate(2, 0.5, counts(10, 10), counts(20, 20));
        assertEquals(List.of(none, two), NewStateFit.eligible(List.of(none, one, two)));
        assertEquals(two, NewStateFit.choose(List.of(none, one, two)));
        assertEquals(none, NewStateFit.choose(List.of(none, one)));
    }

    @Test
    void aNewStateThatCostsFiAgreementOnItsTrainingSweepsIsNotChosen() {
        List<SweepScore> selection = List.of(counts(19, 18), counts(40, 42));
        NewStateFit.Candidate none = new NewStateFit.Candidate(0, null, selection,
                List.of(counts(1, 1), counts(12, 13), counts(47, 41)), 0.42, 33.6, List.of(), List.of(), 0, "cpu");
        // better selection timing and statistics, same selection counts, but half the spikes near rheobase
        NewStateFit.Candidate one = new NewStateFit.Candidate(1, null, selection,
                List.of(counts(1, 0), counts(12, 6), counts(47, 49)), 0.51, 30.0, List.of(), List.of(), 0, "cpu");
        assertEquals(List.of(none), NewStateFit.eligible(List.of(none, one)));
        assertEquals(none, NewStateFit.choose(List.of(none, one)));
        NewStateFit.Candidate kept = new NewStateFit.Candidate(1, null, selection,
                List.of(counts(1, 0), counts(12, 11), counts(47, 49)), 0.51, 30.0, List.of(), List.of(), 0, "cpu");
        assertEquals(kept, NewStateFit.choose(List.of(none, kept)));
    }

    @Test
    void theSmallestCandidateWithinToleranceOfTheBestIsChosen() {
        NewStateFit.Candidate none = candidate(0, 0.50, counts(10, 10));
        NewStateFit.Candidate one = candidate(1, 0.54, counts(10, 10));
        NewStateFit.Candidate two = candidate(2, 0.70, counts(10, 10));
        assertEquals(none, NewStateFit.choose(List.of(none, one)), "a lead of 0.04 is within the 0.05 minimum");
        assertEquals(two, NewStateFit.choose(List.of(none, one, two)));
    }

    @Test
    void aNewStateIsAlsoChosenWhenTheStatisticsClearlyPreferIt() {
        // equal timing (a slow current's undershoot after the step is not in Γ), statistics loss 20 -> 3
        NewStateFit.Candidate none = candidate(0, 0.50, 20, counts(10, 10));
        NewStateFit.Candidate one = candidate(1, 0.50, 3, counts(10, 10));
        assertEquals(one, NewStateFit.choose(List.of(none, one)));
        // a gain of less than half, or of less than one unit, is not enough
        assertEquals(none, NewStateFit.choose(List.of(none, candidate(1, 0.50, 11, counts(10, 10)))));
        NewStateFit.Candidate good = candidate(0, 0.50, 1.5, counts(10, 10));
        assertEquals(good, NewStateFit.choose(List.of(good, candidate(1, 0.50, 0.6, counts(10, 10)))));
        // nor does it choose a larger model whose spike timing is clearly worse than the best's
        assertEquals(one, NewStateFit.choose(List.of(none, one, candidate(2, 0.10, 1, counts(10, 10)))));
        // nor does it make an ineligible candidate (one that costs F-I agreement) eligible
        assertEquals(none, NewStateFit.choose(List.of(none, candidate(1, 0.50, 1, counts(10, 20)))));
    }

    @Test
    void aNewStateThatClearlyWorsensTheStatisticsIsNotChosenWhateverItsTiming() {
        NewStateFit.Candidate none = candidate(0, 0.0, 19.2, counts(10, 10));
        NewStateFit.Candidate one = candidate(1, 0.12, 5.4, counts(10, 10));
        // a second state times the one selection sweep better, but its statistics loss is 8.7 above one state's
        NewStateFit.Candidate two = candidate(2, 0.28, 14.1, counts(10, 10));
        assertEquals(List.of(none, one), NewStateFit.eligible(List.of(none, one, two)));
        assertEquals(one, NewStateFit.choose(List.of(none, one, two)));
        // judged against the best smaller eligible candidate, not only the first (14.1 is below 19.2)
        assertEquals("statistics loss above 1 new state(s)'", NewStateFit.ineligibility(two, List.of(none, one, two)));
        // within one unit of the smaller's loss is no evidence against it
        NewStateFit.Candidate close = candidate(2, 0.28, 6.3, counts(10, 10));
        assertEquals(close, NewStateFit.choose(List.of(none, one, close)));
        // without statistics (NaN) only the timing and the F-I counts decide
        List<NewStateFit.Candidate> timingOnly = List.of(candidate(0, 0.0, counts(10, 10)),
                candidate(1, 0.12, counts(10, 10)), candidate(2, 0.28, counts(10, 10)));
        assertEquals(timingOnly, NewStateFit.eligible(timingOnly));
        assertEquals(timingOnly.get(2), NewStateFit.choose(timingOnly));
    }

    @Test
    void theStatisticsDecideWhetherAStateIsNeededNotHowMany() {
        // a held-out synthetic one-current cell: two states within the timing tolerance, statistics 3.9 vs 13.3
        NewStateFit.Candidate none = candidate(0, -0.12, 44.3, counts(10, 10));
        NewStateFit.Candidate one = candidate(1, 0.50, 13.3, counts(10, 10));
        NewStateFit.Candidate two = candidate(2, 0.52, 3.87, counts(10, 10));
        assertEquals(one, NewStateFit.choose(List.of(none, one, two)));
        // from none, the statistics still choose the smallest count they clearly prefer
        NewStateFit.Candidate flat = candidate(0, 0.50, 44.3, counts(10, 10));
        assertEquals(one, NewStateFit.choose(List.of(flat, one, two)));
        // and spike timing still chooses two states when it clearly gains
        NewStateFit.Candidate better = candidate(2, 0.80, 3.87, counts(10, 10));
        assertEquals(better, NewStateFit.choose(List.of(none, one, better)));
    }
}
