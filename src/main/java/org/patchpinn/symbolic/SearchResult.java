package org.patchpinn.symbolic;

import java.util.List;

/**
 * What a search found: the Pareto front (simplest first, constants polished), the chosen law, and how the
 * run went.
 *
 * @param front          non-dominated laws, simplest first
 * @param choice         the law reported as best and the rule that chose it
 * @param objective      what the laws were judged by
 * @param generations    generations each island ran
 * @param evaluations    laws evaluated over all islands
 * @param stoppedBy      "budget", "converged" or "time limit" (only the last depends on machine speed)
 * @param wallS          elapsed seconds
 * @param cpuS           CPU seconds of the process
 */
public record SearchResult(List<Candidate> front, ModelSelector.Choice choice, Objective objective,
                           int generations, long evaluations, String stoppedBy, double wallS, double cpuS) {

    public SearchResult {
        front = List.copyOf(front);
    }

    public Candidate best() {
        return choice.law();
    }

    public Dataset data() {
        return objective.data();
    }
}
