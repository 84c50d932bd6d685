package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The hybrid's summary-statistic refinement simulates at most half the samples the classic trace stage does: on
 * 171116sh_0018's long training sweeps (about 180,000 samples an evaluation) it took 254 s of an 893 s hybrid and was
 * not kept; 666 evaluations gave the same answer in 681 s. Short synthetic sweeps keep the command's budget.
 */
class RefinementBudgetTest {

    @Test
    void longSweepsHalveTheRefinementButNotTheTraceStage() {
        long longSweeps = 180_000;
        assertEquals(666, NewStateFitMethod.defaultRefinement(2000, longSweeps));
        assertEquals(1333, NewStateFitMethod.budget(2000, longSweeps, StagedFit.TRACE_SAMPLES));
    }

    @Test
    void shortSweepsKeepTheCommandsBudget() {
        // rs_adapting.atf's training sweeps: 12,000 samples an evaluation
        assertEquals(2000, NewStateFitMethod.defaultRefinement(2000, 12_000));
        assertEquals(2000, NewStateFitMethod.budget(2000, 12_000, StagedFit.TRACE_SAMPLES));
        assertEquals(1, NewStateFitMethod.defaultRefinement(2000, 1_000_000_000L));
    }
}
