package org.patchpinn.fit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The three roles a sweep can have in a fit, decided once for every method and verb:
 * <ul>
 *   <li><b>training</b>: the fit's loss is computed on these;</li>
 *   <li><b>selection</b>: every choice the fit makes (checkpoints, stages, number of new states) is scored on
 *       these;</li>
 *   <li><b>test</b>: touched by no choice; the figures reported as validation.</li>
 * </ul>
 * The default rule for a step protocol ({@link #forSteps}) orders the sweeps by step amplitude: training gets
 * the most hyperpolarising sweep whose steady response stays within {@link #PASSIVE_RANGE_MV} of its baseline
 * (the passive reference), the last silent one below rheobase, the rheobase sweep (the weakest depolarising step that
 * fires; a sweep firing at 0 pA or below fires on its own and only alternates), the strongest one and
 * spiking levels spread between, leaving one spiking sweep to test from three spiking levels and a second to
 * selection from five; the rest alternate test, selection so both span the whole range. With three
 * or four step sweeps the weakest and strongest train, the one above the weakest is tested and (with four) the
 * next one selects; one or two sweeps all train. Sweeps without a step fall back to {@link #simple}.
 * Sweeps in depolarisation block or whose step never reached the cell ({@code features.ArtefactDetector}) are
 * <b>excluded</b>: given no role, so
 * neither fitted nor chosen on, and still simulated and reported (the F–I curve covers every step sweep).
 */
public record SweepRoles(List<Integer> training, List<Integer> selection, List<Integer> test,
                         List<Integer> excluded, String rule) {
    public static final String TRAINING = "training";
    public static final String SELECTION = "selection";
    public static final String TEST = "test";
    /** The three roles in report order. */
    public static final List<String> ROLES = List.of(TRAINING, SELECTION, TEST);
    /** A sweep the user left out of every role (still simulated and reported). */
    public static final String OTHER = "other";
    /** A sweep the default rule left out because of an artefact (still simulated and reported). */
    public static final String EXCLUDED = "excluded";

    /** Spiking sweeps used for training besides rheobase and the strongest step. */
    static final int SPREAD_SPIKING = 2;
    /**
     * The passive reference (the hyperpolarising training sweep) is the most hyperpolarising silent step whose
     * steady response stays within this of its baseline (mV): further down, sag and inward rectification bend the
     * membrane, and a −1.8 nA step 43 mV down (96711008.abf, a real CA1 cell with steps to −2 nA) read 17 MΩ
     * where the cell's small steps read 54.
     */
    static final double PASSIVE_RANGE_MV = 30;
    /** Spiking sweeps kept out of training at most (one for test, one for selection). */
    static final int RESERVED_SPIKING = 2;

    public SweepRoles {
        training = List.copyOf(training);
        selection = List.copyOf(selection);
        test = List.copyOf(test);
        excluded = List.copyOf(excluded);
        if (training.isEmpty()) {
            throw new FitException("no sweep left to train on");
        }
    }

    /** Roles with no sweep excluded. */
    public SweepRoles(List<Integer> training, List<Integer> selection, List<Integer> test, String rule) {
        this(training, selection, test, List.of(), rule);
    }

    /** Role of a sweep index. */
    public String roleOf(int sweep) {
        if (training.contains(sweep)) {
            return TRAINING;
        }
        if (selection.contains(sweep)) {
            return SELECTION;
        }
        if (test.contains(sweep)) {
            return TEST;
        }
        return excluded.contains(sweep) ? EXCLUDED : OTHER;
    }

    /** Every sweep with a role, ascending. */
    public List<Integer> all() {
        TreeSet<Integer> s = new TreeSet<>(training);
        s.addAll(selection);
        s.addAll(test);
        return List.copyOf(s);
    }

    /** The simple rule for sweeps without a step protocol: last sweep tested when there are 3 or more. */
    public static SweepRoles simple(int sweepCount) {
        List<Integer> train = new ArrayList<>();
        int n = sweepCount >= 3 ? sweepCount - 1 : sweepCount;
        for (int k = 0; k < n; k++) {
            train.add(k);
        }
        List<Integer> test = sweepCount >= 3 ? List.of(sweepCount - 1) : List.of();
        return new SweepRoles(train, List.of(), test, sweepCount >= 3
                ? "last sweep tested (fewer than five step sweeps)"
                : "every sweep trains (fewer than three sweeps: none left to test)");
    }

    /** The default rule on the step sweeps of a recording (see the class comment), nothing excluded. */
    public static SweepRoles forSteps(List<StepSweep> steps, int sweepCount) {
        return forSteps(steps, sweepCount, List.of());
    }

    /**
     * The default rule on the step sweeps of a recording (see the class comment). The sweeps in {@code blocked}
     * are excluded when at least five step sweeps, one of them spiking, remain; otherwise nothing is.
     */
    public static SweepRoles forSteps(List<StepSweep> all, int sweepCount, Collection<Integer> blocked) {
        List<StepSweep> kept = all.stream().filter(s -> !blocked.contains(s.index())).toList();
        boolean exclude = kept.size() < all.size() && kept.size() >= 5 && kept.stream().anyMatch(StepSweep::spiking);
        List<StepSweep> steps = exclude ? kept : all;
        List<Integer> excluded = exclude
                ? all.stream().map(StepSweep::index).filter(blocked::contains).sorted().toList() : List.of();
        List<StepSweep> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingDouble(StepSweep::amplitudePa).thenComparingInt(StepSweep::index));
        if (steps.size() < 5 && steps.size() == sweepCount) {
            return few(sorted);
        }
        if (steps.size() < 5) {
            return simple(sweepCount);
        }
        List<StepSweep> silent = sorted.stream().filter(s -> !s.spiking()).toList();
        List<StepSweep> spiking = sorted.stream().filter(StepSweep::spiking).toList();
        // rheobase, as the report reads it, is the weakest depolarising step that fires: spikes at 0 pA (or below)
        // are the cell's own, so those sweeps alternate with the rest rather than train as rheobase
        List<StepSweep> evoked = spiking.stream().filter(s -> s.amplitudePa() > 0).toList();
        if (evoked.isEmpty()) {
            evoked = spiking;
        }
        TreeSet<Integer> train = new TreeSet<>();
        if (!silent.isEmpty()) {
            train.add(passiveReference(silent).index());
            // the last silent sweep below the first spiking one: a model must stay quiet there too
            StepSweep below = null;
            for (StepSweep s : silent) {
                if (evoked.isEmpty() || s.amplitudePa() < evoked.get(0).amplitudePa()) {
                    below = s;
                }
            }
            if (below != null) {
                train.add(below.index());
            }
        }
        if (!evoked.isEmpty()) {
            train.add(evoked.get(0).index());
            train.add(evoked.get(evoked.size() - 1).index());
            // keep spiking sweeps out of training — one for test from three spiking levels, a second for
            // selection from five: with few spiking levels the spread would otherwise train on all of them and
            // the test would judge the model's spikes on none; fewer would leave the fit too little to learn from
            int reserved = Math.min(RESERVED_SPIKING, (evoked.size() - 1) / 2);
            int spread = Math.min(SPREAD_SPIKING, evoked.size() - 2 - reserved);
            for (int k = 1; k <= spread; k++) {
                int i = (int) Math.round(k * (evoked.size() - 1) / (spread + 1.0));
                train.add(evoked.get(i).index());
            }
        }
        List<Integer> selection = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        // the rest alternate test, selection within the silent and the spiking sweeps, so both roles span the range
        for (List<StepSweep> group : List.of(silent, spiking)) {
            boolean toTest = true;
            for (StepSweep s : group) {
                if (train.contains(s.index())) {
                    continue;
                }
                (toTest ? test : selection).add(s.index());
                toTest = !toTest;
            }
        }
        // sweeps without a step (if any) are tested too: no choice touches them
        TreeSet<Integer> stepIdx = new TreeSet<>();
        all.forEach(s -> stepIdx.add(s.index()));
        for (int k = 0; k < sweepCount; k++) {
            if (!stepIdx.contains(k)) {
                test.add(k);
            }
        }
        selection.sort(null);
        test.sort(null);
        String rule = String.format(Locale.ROOT, "step protocol: training = most hyperpolarising within %.0f mV of "
                + "its baseline, last silent, "
                + "rheobase, strongest and %d spread spiking sweeps; the rest alternate test / selection in amplitude "
                + "order", PASSIVE_RANGE_MV, SPREAD_SPIKING);
        if (!excluded.isEmpty()) {
            rule += "; sweeps " + excluded + " excluded (depolarisation block, or no response to the step: not "
                    + "fitted, still reported)";
        }
        return new SweepRoles(new ArrayList<>(train), selection, test, excluded, rule);
    }

    /**
     * Of the silent steps sorted by amplitude: the most hyperpolarising whose steady response is within
     * {@link #PASSIVE_RANGE_MV} of its baseline, else the weakest hyperpolarising one, else the first.
     */
    private static StepSweep passiveReference(List<StepSweep> silent) {
        StepSweep weakest = null;
        for (StepSweep s : silent) {
            if (s.amplitudePa() >= 0) {
                break;
            }
            if (Math.abs(s.steadyResponseMv()) <= PASSIVE_RANGE_MV) {
                return s;
            }
            weakest = s;
        }
        return weakest != null ? weakest : silent.get(0);
    }

    /** Three or four step sweeps (sorted by amplitude): ends train, the inner ones test and select. */
    private static SweepRoles few(List<StepSweep> sorted) {
        List<Integer> idx = sorted.stream().map(StepSweep::index).toList();
        int n = idx.size();
        if (n < 3) {
            return new SweepRoles(idx.stream().sorted().toList(), List.of(), List.of(), "one or two step sweeps: "
                    + "all train, none tested");
        }
        List<Integer> train = new ArrayList<>(List.of(idx.get(0), idx.get(n - 1)));
        train.sort(null);
        List<Integer> selection = n == 4 ? List.of(idx.get(2)) : List.of();
        return new SweepRoles(train, selection, List.of(idx.get(1)), "few step sweeps: weakest and strongest "
                + "train, the second weakest is tested" + (n == 4 ? ", the third selects" : ""));
    }

    /** Roles the user gave; selection defaults to the training sweeps when not given. */
    public static SweepRoles given(List<Integer> training, List<Integer> selection, List<Integer> test) {
        return new SweepRoles(training, selection, test, selection.isEmpty()
                ? "given by the user; choices scored on the training sweeps (no selection sweeps given)"
                : "given by the user");
    }
}
