package org.patchpinn.symbolic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One population of the island model. It owns its random generator and its cache of fitted structures, so
 * islands evolve in parallel without sharing state and the result does not depend on thread timing.
 *
 * <p>Each generation makes one offspring per member by mutation or crossover, simplifies it, fits its
 * constants (Levenberg–Marquardt, from the inherited constants and from one data-based restart; a
 * structure already fitted is looked up, not refitted), and keeps the best distinct structures of parents
 * and offspring by log-loss plus a price per node. The island also keeps its own Pareto front.
 */
final class Island {
    private static final double PARSIMONY = 0.03;
    private static final int MAX_DEPTH = 10;
    private static final int FIT_ITERATIONS = 30;
    private static final int CACHE_SIZE = 20000;

    private final Objective objective;
    private final BuildingBlocks blocks;
    private final SearchSettings settings;
    private final SplittableRandom rnd;
    private final ParetoFront front = new ParetoFront();
    private final Map<String, Candidate> fitted = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Candidate> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private List<Candidate> population = new ArrayList<>();
    private long evaluations;

    Island(Objective objective, BuildingBlocks blocks, SearchSettings settings, long seed) {
        this.objective = objective;
        this.blocks = blocks;
        this.settings = settings;
        this.rnd = new SplittableRandom(seed);
    }

    /** Half HH building blocks (possibly combined), half random trees. */
    void initialise() {
        List<Candidate> start = new ArrayList<>();
        int attempts = 0;
        while (start.size() < settings.populationSize() && attempts++ < settings.populationSize() * 20) {
            Node law;
            if (rnd.nextBoolean()) {
                law = blocks.template(rnd);
                if (rnd.nextDouble() < 0.3) {
                    law = Node.binary(rnd.nextBoolean() ? Op.MUL : Op.ADD, law, blocks.template(rnd));
                }
            } else {
                law = blocks.randomTree(rnd, 2 + rnd.nextInt(3));
            }
            Candidate c = evaluate(law);
            if (c != null && c.valid()) {
                start.add(c);
            }
        }
        population = select(start);
    }

    void runGenerations(int count, Runnable checkCancelled) {
        for (int g = 0; g < count; g++) {
            checkCancelled.run();
            generation();
        }
    }

    private void generation() {
        List<Candidate> pool = new ArrayList<>(population);
        int n = population.size();
        for (int i = 0; i < n; i++) {
            Candidate parent = tournament();
            Node child = vary(parent.law());
            Candidate c = evaluate(child);
            if (c != null && c.valid()) {
                pool.add(c);
            }
        }
        population = select(pool);
    }

    /** Distinct structures, best score first, as many as the population holds. */
    private List<Candidate> select(List<Candidate> pool) {
        Map<String, Candidate> distinct = new LinkedHashMap<>();
        for (Candidate c : pool) {
            Candidate old = distinct.get(c.key());
            if (old == null || c.loss() < old.loss()) {
                distinct.put(c.key(), c);
            }
        }
        List<Candidate> sorted = new ArrayList<>(distinct.values());
        sorted.sort(Comparator.comparingDouble((Candidate c) -> c.score(PARSIMONY))
                .thenComparingInt(Candidate::complexity));
        return new ArrayList<>(sorted.subList(0, Math.min(settings.populationSize(), sorted.size())));
    }

    private Candidate tournament() {
        List<Candidate> frontList = front.front();
        if (!frontList.isEmpty() && rnd.nextDouble() < 0.1) {
            return frontList.get(rnd.nextInt(frontList.size()));
        }
        Candidate best = null;
        for (int i = 0; i < 4; i++) {
            Candidate c = population.get(rnd.nextInt(population.size()));
            if (best == null || c.score(PARSIMONY) < best.score(PARSIMONY)) {
                best = c;
            }
        }
        return best;
    }

    /** One variation, retried until the child respects the size limits. */
    private Node vary(Node parent) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Node child = Simplifier.simplify(mutateOrCross(parent));
            if (child.size() <= settings.maxComplexity() && child.depth() <= MAX_DEPTH
                    && !child.isConstantSubtree()) {
                return child;
            }
        }
        return blocks.template(rnd);
    }

    private Node mutateOrCross(Node parent) {
        int at = rnd.nextInt(parent.size());
        Node target = parent.nodeAt(at);
        double r = rnd.nextDouble() * 10;
        if (r < 1.5) {        // crossover: a subtree of another member
            Candidate other = population.get(rnd.nextInt(population.size()));
            Node donor = other.law().nodeAt(rnd.nextInt(other.law().size()));
            return parent.replaceAt(at, donor);
        }
        if (r < 3.0) {        // a building block replaces a subtree
            return parent.replaceAt(at, blocks.template(rnd));
        }
        if (r < 4.0) {        // a small random tree replaces a subtree
            return parent.replaceAt(at, blocks.randomTree(rnd, 1 + rnd.nextInt(3)));
        }
        if (r < 5.0) {        // combine with a building block: s ∘ T
            Op op = new Op[] {Op.ADD, Op.MUL, Op.DIV, Op.SUB}[rnd.nextInt(4)];
            Node t = blocks.template(rnd);
            return parent.replaceAt(at, rnd.nextBoolean() || op.commutative()
                    ? Node.binary(op, target, t) : Node.binary(op, t, target));
        }
        if (r < 6.0) {        // wrap in a function or an operation with a terminal
            Op op = blocks.randomOp(rnd);
            Node wrapped = op.arity() == 1 ? Node.unary(op, target)
                    : rnd.nextBoolean() ? Node.binary(op, target, blocks.terminal(rnd))
                    : Node.binary(op, blocks.terminal(rnd), target);
            return parent.replaceAt(at, wrapped);
        }
        if (r < 7.0) {        // point mutation
            if (target.op() != null) {
                Op op = blocks.randomOp(rnd, target.op().arity());
                return parent.replaceAt(at, target.right() == null ? Node.unary(op, target.left())
                        : Node.binary(op, target.left(), target.right()));
            }
            if (target.isVariable() && rnd.nextBoolean()) {
                return parent.replaceAt(at, blocks.affine(rnd, target.variableIndex(), 0));
            }
            return parent.replaceAt(at, blocks.terminal(rnd));
        }
        if (r < 8.5) {        // hoist: a node is replaced by one of its children (shrinks the law)
            if (target.op() == null) {
                return parent.replaceAt(at, blocks.terminal(rnd));
            }
            Node child = target.right() != null && rnd.nextBoolean() ? target.right() : target.left();
            return parent.replaceAt(at, child);
        }
        // new starting constants for the same structure
        return blocks.restartConstants(rnd, parent);
    }

    /** The law with fitted constants, or null when it cannot be evaluated. */
    Candidate evaluate(Node law) {
        evaluations++;
        Node simplified = Simplifier.simplify(law);
        String key = simplified.structureKey();
        Candidate known = fitted.get(key);
        if (known != null && rnd.nextDouble() > 0.2) {
            front.offer(known);
            return known;
        }
        Node best = objective.fitConstants(simplified, FIT_ITERATIONS);
        double bestLoss = objective.loss(best);
        if (simplified.constantCount() > 0 && rnd.nextBoolean()) {
            Node restart = objective.fitConstants(blocks.restartConstants(rnd, simplified), FIT_ITERATIONS);
            double restartLoss = objective.loss(restart);
            if (restartLoss < bestLoss) {
                best = restart;
                bestLoss = restartLoss;
            }
        }
        Candidate c = new Candidate(best, key, bestLoss, simplified.size());
        if (known != null && known.loss() <= c.loss()) {
            c = known;
        }
        if (c.valid()) {
            fitted.put(key, c);
            front.offer(c);
        }
        return c;
    }

    /** Immigrants replace the worst members (then the population is cut back to size). */
    void receive(List<Candidate> immigrants) {
        List<Candidate> pool = new ArrayList<>(population);
        pool.addAll(immigrants);
        population = select(pool);
        for (Candidate c : immigrants) {
            front.offer(c);
        }
    }

    /** The best {@code count} members. */
    List<Candidate> best(int count) {
        return new ArrayList<>(population.subList(0, Math.min(count, population.size())));
    }

    ParetoFront front() {
        return front;
    }

    SplittableRandom random() {
        return rnd;
    }

    long evaluations() {
        return evaluations;
    }
}
