package org.patchpinn.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The best law found at each complexity, reduced to the non-dominated ones (every entry has a lower loss than
 * every simpler entry). Ties keep the law offered first, so merging fronts in a fixed order is deterministic.
 */
public final class ParetoFront {
    private final TreeMap<Integer, Candidate> best = new TreeMap<>();

    /** Offers a candidate; returns whether it became the best at its complexity. */
    public boolean offer(Candidate c) {
        if (!c.valid()) {
            return false;
        }
        Candidate old = best.get(c.complexity());
        if (old == null || c.loss() < old.loss()) {
            best.put(c.complexity(), c);
            return true;
        }
        return false;
    }

    public void offerAll(Iterable<Candidate> candidates) {
        for (Candidate c : candidates) {
            offer(c);
        }
    }

    /** The non-dominated laws, simplest first. */
    public List<Candidate> front() {
        List<Candidate> out = new ArrayList<>();
        double lowest = Double.POSITIVE_INFINITY;
        for (Candidate c : best.values()) {
            if (c.loss() < lowest) {
                out.add(c);
                lowest = c.loss();
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return best.isEmpty();
    }
}
