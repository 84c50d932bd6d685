package org.patchpinn.symbolic;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.patchpinn.task.CancelledException;
import org.patchpinn.task.Progress;

/**
 * Symbolic regression by genetic programming on an island model: several {@link Island}s evolve in
 * parallel for an epoch of generations, then exchange their best laws in a ring and feed one global Pareto
 * front of complexity versus loss; after the search, the front's constants are polished and
 * {@link ModelSelector} picks the law to report.
 *
 * <p>Why hand-written rather than Jenetics' {@code jenetics.prog}: (1) every candidate's constants must be
 * fitted by Levenberg–Marquardt with an exact Jacobian, whereas jenetics.prog treats constants as immutable
 * ephemeral leaves changed only by mutation; (2) the HH rate-law shapes are primitives and macros with
 * data-aware starting constants, and simplification must feed a structure cache; (3) determinism: here every
 * island has its own generator and migration happens at fixed epochs, so one seed gives one result however
 * threads are scheduled; (4) the search has to stay in the core without a new dependency (Jenetics brings
 * three modules of its own). What Jenetics offers beyond that (its engine, alterers, multi-objective
 * selection) is a small part of this code.
 *
 * <p>Determinism: the result depends only on the data and {@link SearchSettings}, unless the wall-clock cap
 * ends the run, which {@link SearchResult#stoppedBy()} then says.
 */
public final class SymbolicSearch {
    private static final int MIGRANTS = 3;
    private static final int SEARCH_ROWS = 100;
    private static final int POLISH_ITERATIONS = 300;
    private static final int POLISH_RESTARTS = 4;

    private SymbolicSearch() {
    }

    public static SearchResult run(Dataset data, SearchSettings settings, Progress progress) {
        long startNs = System.nanoTime();
        double startCpu = processCpuSeconds();
        Objective.Weighting weighting = settings.weighting() != null ? settings.weighting()
                : Objective.automaticWeighting(data.y());
        Objective objective = new Objective(data, weighting);
        // Evolution judges laws on an evenly thinned subset (fast); polishing and the choice use every row.
        Objective searchObjective = new Objective(thin(data, SEARCH_ROWS), weighting);
        BuildingBlocks blocks = new BuildingBlocks(data, settings.templates());
        SplittableRandom master = new SplittableRandom(settings.seed());
        List<Island> islands = new ArrayList<>();
        for (int i = 0; i < settings.populations(); i++) {
            islands.add(new Island(searchObjective, blocks, settings, master.nextLong()));
        }
        int threads = settings.threads() > 0 ? settings.threads() : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, islands.size())), r -> {
            Thread t = new Thread(r, "patchpinn-sr");
            t.setDaemon(true);
            return t;
        });
        Runnable checkCancelled = progress::checkCancelled;
        ParetoFront global = new ParetoFront();
        String stoppedBy = "budget";
        int generations = 0;
        try {
            progress.status("symbolic regression: initial populations");
            double noise = ModelSelector.noiseLoss(objective);
            runAll(pool, islands, Island::initialise);
            int epochs = Math.max(1, (int) Math.ceil(settings.generations() / (double) SearchSettings.EPOCH));
            int quiet = 0;
            for (int epoch = 0; epoch < epochs; epoch++) {
                int gens = Math.min(SearchSettings.EPOCH, settings.generations() - generations);
                runAll(pool, islands, island -> island.runGenerations(gens, checkCancelled));
                generations += gens;
                ModelSelector.Choice before = ModelSelector.choose(global.isEmpty() ? List.of() : global.front(),
                        searchObjective, noise);
                for (Island island : islands) {
                    global.offerAll(island.front().front());
                }
                migrate(islands, global);
                ModelSelector.Choice after = ModelSelector.choose(global.front(), searchObjective, noise);
                quiet = improved(before, after) ? 0 : quiet + 1;
                Candidate lead = after.law();
                progress.fraction((epoch + 1) / (double) epochs);
                progress.status(String.format(Locale.ROOT, "symbolic regression: generation %d, %s (loss %.3g)",
                        generations, ExpressionFormat.format(lead.law(), ExpressionFormat.Style.EXPRESSION, data.variables()),
                        lead.loss()));
                if (quiet >= SearchSettings.PATIENCE) {
                    stoppedBy = "converged";
                    break;
                }
                if ((System.nanoTime() - startNs) / 1e9 > settings.maxTimeS() * 0.85) {
                    stoppedBy = "time limit";
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long evaluations = islands.stream().mapToLong(Island::evaluations).sum();
        List<Candidate> polished = polish(global.front(), objective, blocks, new SplittableRandom(settings.seed()));
        ModelSelector.Choice choice = ModelSelector.choose(polished, objective, ModelSelector.noiseLoss(objective));
        return new SearchResult(polished, choice, objective, generations, evaluations, stoppedBy,
                (System.nanoTime() - startNs) / 1e9, processCpuSeconds() - startCpu);
    }

    /**
     * Whether the epoch mattered for the choice: the chosen law's complexity changed or its loss fell by 2 %.
     * Gains of complex laws below the noise level are overfitting, and a different spelling of an equally good
     * law is no progress; neither keeps a run going.
     */
    private static boolean improved(ModelSelector.Choice before, ModelSelector.Choice after) {
        if (before == null) {
            return true;
        }
        return before.law().complexity() != after.law().complexity()
                || after.law().loss() < before.law().loss() * 0.98;
    }

    /** Every k-th row so that at most {@code rows} remain, in file order. */
    static Dataset thin(Dataset data, int rows) {
        if (data.size() <= rows) {
            return data;
        }
        int n = rows;
        double[][] x = new double[data.variableCount()][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int row = (int) Math.round(i * (data.size() - 1) / (double) (n - 1));
            for (int v = 0; v < x.length; v++) {
                x[v][i] = data.x()[v][row];
            }
            y[i] = data.y()[row];
        }
        return data.withSamples(x, y);
    }

    /** Ring migration from snapshots taken before anyone receives, plus a random member of the global front. */
    private static void migrate(List<Island> islands, ParetoFront global) {
        int n = islands.size();
        List<List<Candidate>> outgoing = new ArrayList<>();
        for (Island island : islands) {
            outgoing.add(island.best(MIGRANTS));
        }
        List<Candidate> front = global.front();
        for (int i = 0; i < n; i++) {
            List<Candidate> in = new ArrayList<>(outgoing.get((i + n - 1) % n));
            if (!front.isEmpty()) {
                in.add(front.get(islands.get(i).random().nextInt(front.size())));
            }
            if (n > 1 || !front.isEmpty()) {
                islands.get(i).receive(in);
            }
        }
    }

    /** Longer fits with several restarts for the laws of the front, then the front again. */
    private static List<Candidate> polish(List<Candidate> front, Objective objective, BuildingBlocks blocks,
                                          SplittableRandom rnd) {
        ParetoFront polished = new ParetoFront();
        for (Candidate c : front) {
            Node best = objective.fitConstants(c.law(), POLISH_ITERATIONS);
            double bestLoss = Math.min(objective.loss(best), c.loss());
            if (bestLoss == c.loss()) {
                best = c.law();
            }
            for (int r = 0; r < POLISH_RESTARTS && c.law().constantCount() > 0; r++) {
                Node trial = objective.fitConstants(blocks.restartConstants(rnd, c.law()), POLISH_ITERATIONS);
                double loss = objective.loss(trial);
                if (loss < bestLoss) {
                    best = trial;
                    bestLoss = loss;
                }
            }
            polished.offer(new Candidate(best, c.key(), bestLoss, c.complexity()));
        }
        return polished.front();
    }

    private interface IslandTask {
        void run(Island island);
    }

    private static void runAll(ExecutorService pool, List<Island> islands, IslandTask task) {
        List<Future<?>> futures = new ArrayList<>();
        for (Island island : islands) {
            futures.add(pool.submit(() -> task.run(island)));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static double processCpuSeconds() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
