package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.patchpinn.fit.FitData;
import org.patchpinn.fit.FitObjective;
import org.patchpinn.fit.FitSweep;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.ModelFileParser;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;
import org.patchpinn.numeric.Median;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * Which mechanism explains the condition's effect. Each cell gets its own model: the per-parameter median
 * of its recordings' fits or one of those fits, whichever explains the cell's recordings best
 * ({@link #cellBase}), then refitted over all of the cell's recordings together ({@link SharedCellBase}: one
 * Cm, one set of conductances and kinetics per cell, as the cell has; a base that is one recording's own fit
 * carries that recording's compensations and scores it near zero). For each candidate
 * {@link Mechanism}, only its one parameter is then refitted per recording (everything else the cell's),
 * so the condition can act through that mechanism alone; an extra conductance also gets one reversal EX
 * for all recordings, found on a grid (no assumed value). The mechanisms are ranked on their in-sample loss
 * (the classic fit's loss: spike times, spike-aligned trajectories, subthreshold V; geometric mean over the
 * recordings): every mechanism has the same freedom, one parameter per recording, so the one that explains the
 * recordings best is the likeliest. Why not the held-out cells (the per-level effect learned from the other
 * cells predicting a held-out cell, still reported): the loss is steep and rugged in a spike-generating
 * parameter (a VT 2 mV off the recording's optimum adds or removes spikes, loss ×20), and cells' per-level
 * effects differ by that much because each cell's base compensates differently — a series whose glucose
 * shifted VT by 7 mV ranked VT last on held-out cells and first, by a factor of 2, in-sample. What guards against
 * fitting noise is the test, family-wise over the mechanisms, that the mechanism's own parameter changes with
 * the condition (a parameter refitted per recording always improves the in-sample loss, a trend with the level
 * across cells it does not make) — and that the mechanism is not clearly worse than the best of all (paired over recordings,
 * sign-flip test of the log loss ratio, p < {@value #DISTINGUISHED_P}): a parameter that changes only because it
 * compensates for another mechanism explains the recordings worse than that mechanism does (a series in which a
 * learned slow K conductance fell with glucose named gNa, ranked last in-sample, without this condition). Changing
 * mechanisms the recordings do not tell apart from the best are named with the winner.
 */
public final class MechanismComparison {
    /** Reversal grid (mV) for the extra conductance's shared EX. */
    static final double[] EX_GRID_MV = {-110, -95, -80, -65, -50, -35, -20};
    static final double STEP_MS = 0.05;
    static final int EVALUATIONS = 12;
    static final int GRID = 13;
    /** A mechanism whose paired test against the winner has p below this is worse than the winner. */
    static final double DISTINGUISHED_P = 0.05;
    /** Coordinate-wise passes when a cell's base is refitted over its recordings (see {@link SharedCellBase}). */
    static final int SHARED_PASSES = 2;

    /** A recording as the mechanism fits see it. */
    private record Rec(RecordingRow row, String cell, double level, List<FitSweep> sweeps) { }

    /**
     * Whether a mechanism's own per-recording parameter changes with the condition: its within-cell trend test's
     * p adjusted family-wise over the mechanisms' parameters (NaN when untested), and the answer at the
     * comparison's α. The family is the mechanisms, not every quantity compare tests: which mechanism acts is its
     * own question, asked only once some quantity changes family-wise over all of them ({@code anyChange}).
     */
    public record Change(double pFamilyWise, boolean significant) {
        public static final Change UNTESTED = new Change(Double.NaN, false);
    }

    /**
     * One mechanism's fits: per recording θ and loss, per-level effect, in-sample score (the ranking's) and
     * held-out-cell score (reported; NaN with one cell), and the paired test's p of being worse than the
     * best-ranked mechanism (NaN for that one).
     */
    public record Ranked(Mechanism mechanism, double heldOutLoss, double inSampleLoss, double exMv,
                         Map<Double, Double> perLevel, double[] theta, Change change, double pWorseThanBest) {
        Ranked withP(double p) {
            return new Ranked(mechanism, heldOutLoss, inSampleLoss, exMv, perLevel, theta, change, p);
        }

        /** Whether the mechanism's own parameter changes with the condition (family-wise over the mechanisms). */
        public boolean changes() {
            return change.significant();
        }

        /** Whether the recordings do not tell this mechanism apart from the best-ranked one. */
        public boolean notDistinguished() {
            return pWorseThanBest >= DISTINGUISHED_P;
        }
    }

    /**
     * @param noneLoss the loss with no condition effect (every recording at its cell's model; geometric mean), the
     *                 yardstick of both scores
     * @param heldOut  whether held-out-cell scores were computed (two or more cells)
     */
    public record Result(List<Ranked> ranking, double noneLoss, boolean heldOut,
                         String verdict, ModelSpec meanBase, Map<String, double[]> thetas,
                         Map<String, String> cellBases) {
        /**
         * The best-ranked mechanism whose parameter changes, that beats "none" and that the recordings do not tell
         * apart from the best mechanism of all; null when there is none. A changing parameter that explains the
         * recordings clearly worse than another mechanism's is more likely compensation than the cause.
         */
        public Ranked winner() {
            return ranking.stream().filter(Ranked::changes).filter(r -> r.inSampleLoss() < noneLoss)
                    .filter(r -> r == ranking.get(0) || r.notDistinguished()).findFirst().orElse(null);
        }

        /** The other mechanisms whose parameter changes and that the recordings do not tell apart from the best. */
        public List<Ranked> notDistinguished() {
            Ranked w = winner();
            return ranking.stream().filter(r -> r != w && r.changes() && r.notDistinguished()).toList();
        }
    }

    private final List<Rec> recs = new ArrayList<>();
    private final Map<String, ModelSpec> bases = new LinkedHashMap<>();
    private final Map<String, String> baseSources = new LinkedHashMap<>();
    private final List<String> cells;
    private int sharedPasses = SHARED_PASSES;
    private boolean shared;

    private MechanismComparison(List<RecordingRow> ok, String fitName, Function<ManifestEntry, Recording> loader) {
        Map<String, List<ModelSpec>> fitted = new LinkedHashMap<>();
        for (RecordingRow r : ok) {
            FitOutcome f = r.result().fits().get(fitName);
            if (f == null || !f.details().has("fitted_model")) {
                continue;
            }
            ModelSpec m = ModelFileParser.parse(f.details().get("fitted_model").getAsString(), r.entry().name());
            fitted.computeIfAbsent(r.entry().cell(), k -> new ArrayList<>()).add(m);
            Recording rec = loader.apply(r.entry());
            recs.add(new Rec(r, r.entry().cell(), r.entry().condition(), FitData.all(rec, 0, 0)));
        }
        fitted.forEach((cell, models) -> bases.put(cell, cellBase(cell, models)));
        cells = List.copyOf(bases.keySet());
    }

    /**
     * A cell's model: of the per-parameter median of its recordings' fits and each of those fits, the one
     * with the lowest loss over all the cell's recordings. The median alone is no model when parameters
     * trade (a learned state's g against its z∞ half-activation, its τ scale against its width): medians
     * taken one parameter at a time mix recordings' kinetics into a current none of them had, and every
     * mechanism would then be refitted on that mixture.
     */
    private ModelSpec cellBase(String cell, List<ModelSpec> models) {
        List<Rec> own = recs.stream().filter(r -> r.cell().equals(cell)).toList();
        List<ModelSpec> candidates = new ArrayList<>();
        candidates.add(median(models));
        candidates.addAll(models);
        double[] loss = new double[candidates.size()];
        IntStream.range(0, candidates.size()).parallel().forEach(k -> {
            ModelSpec m = candidates.get(k);
            loss[k] = geometricMean(own.stream().mapToDouble(r -> new FitObjective(m, r.sweeps(), Progress.NONE)
                    .coarseLoss(m.values(), STEP_MS)).toArray());
        });
        int best = 0;
        for (int k = 1; k < loss.length; k++) {
            if (loss[k] < loss[best]) {
                best = k;
            }
        }
        baseSources.put(cell, best == 0 ? "median of the cell's fits" : "fit of " + own.get(best - 1).row().entry().name());
        return candidates.get(best);
    }

    /** Per cell, which model is its base (see {@link #cellBase}). */
    public Map<String, String> baseSources() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(baseSources));
    }

    /** Why the comparison cannot run, or "". */
    public static String whyNot(List<RecordingRow> ok, String fitName) {
        if (fitName == null) {
            return "needs per-recording model fits (method classic, hybrid or pinn)";
        }
        long withModel = ok.stream().filter(r -> r.result().fits().containsKey(fitName)
                && r.result().fits().get(fitName).details().has("fitted_model")).count();
        if (withModel < 3) {
            return "needs 3 or more recordings whose fitted model can be written as a model file (learned "
                    + "states are tabulated: they are compared as quantities instead)";
        }
        if (ok.stream().mapToDouble(r -> r.entry().condition()).distinct().count() < 2) {
            return "needs two or more condition levels";
        }
        return "";
    }

    public static MechanismComparison prepare(List<RecordingRow> ok, String fitName,
                                              Function<ManifestEntry, Recording> loader) {
        return new MechanismComparison(ok, fitName, loader);
    }

    /**
     * Refits each cell's base over the cell's recordings (once), then fits every mechanism per recording on it;
     * returns each one's per-recording parameter, in row order.
     */
    public Map<Mechanism, Fits> fitAll(List<Mechanism> mechanisms, Progress progress) {
        Progress perMechanism = progress;
        if (sharedPasses > 0 && !shared) {
            shareCellBases(progress.range(0, 0.4));
            perMechanism = progress.range(0.4, 1);
        }
        Map<Mechanism, Fits> out = new LinkedHashMap<>();
        // a mechanism must act on every cell's base (Mechanism.actsOn): the bases were refitted after the candidates
        List<Mechanism> acting = mechanisms.stream().filter(m -> bases.values().stream().allMatch(m::actsOn)).toList();
        for (int k = 0; k < acting.size(); k++) {
            progress.checkCancelled();
            Mechanism m = acting.get(k);
            progress.status("mechanism " + (k + 1) + "/" + acting.size() + ": " + m.name());
            out.put(m, m.kind().equals(Mechanism.EXTRA) ? fitExtra(m) : fit(m, Double.NaN));
            perMechanism.fraction((k + 1.0) / acting.size());
        }
        return out;
    }

    /** Coordinate-wise passes when refitting a cell's base over its recordings; 0 keeps the base chosen from the fits. */
    public MechanismComparison sharedPasses(int passes) {
        this.sharedPasses = passes;
        return this;
    }

    /** Each cell's base refitted over all of its recordings, with no condition effect (cells in parallel). */
    private void shareCellBases(Progress progress) {
        progress.status("refitting each cell's model over all of its recordings");
        Map<String, ModelSpec> refitted = new ConcurrentHashMap<>();
        int[] done = {0};
        Map<String, List<List<FitSweep>>> sweeps = new LinkedHashMap<>();
        recs.forEach(r -> sweeps.computeIfAbsent(r.cell(), k -> new ArrayList<>()).add(r.sweeps()));
        cells.parallelStream().forEach(cell -> {
            refitted.put(cell, SharedCellBase.refit(bases.get(cell), sweeps.get(cell), sharedPasses, progress));
            synchronized (done) {
                progress.fraction(++done[0] / (double) cells.size());
            }
        });
        for (String cell : cells) {
            if (refitted.get(cell) != bases.get(cell)) {
                bases.put(cell, refitted.get(cell));
                baseSources.put(cell, baseSources.get(cell) + ", refitted over the cell's " + sweeps.get(cell).size()
                        + " recordings");
            }
        }
        shared = true;
    }

    /** Per recording θ and loss for one mechanism (and the shared EX of an extra conductance). */
    public record Fits(double[] theta, double[] loss, double exMv) { }

    /** A cell's model (the structure every mechanism starts from). */
    public ModelSpec baseModel() {
        return bases.values().iterator().next();
    }

    public List<RecordingRow> rows() {
        return recs.stream().map(Rec::row).toList();
    }

    private Fits fit(Mechanism m, double exMv) {
        double[] theta = new double[recs.size()];
        double[] loss = new double[recs.size()];
        IntStream.range(0, recs.size()).parallel().forEach(i -> {
            Rec r = recs.get(i);
            ModelSpec base = model(m, bases.get(r.cell()), exMv);
            FitObjective obj = new FitObjective(base, r.sweeps(), Progress.NONE);
            double[] range = range(m, base);
            DoubleUnaryOperator f = t -> obj.coarseLoss(with(base, m, within(base, m, t)), STEP_MS);
            double[] best = minimise(f, range[0], range[1]);
            theta[i] = within(base, m, best[0]);
            loss[i] = best[1];
        });
        return new Fits(theta, loss, exMv);
    }

    /**
     * The loss is rugged in one parameter (a small change adds or removes a spike), so a grid over the whole
     * interval finds the basin and a golden-section search refines it between the grid neighbours. {θ, loss}.
     */
    static double[] minimise(DoubleUnaryOperator f, double lo, double hi) {
        double[] x = new double[GRID];
        double[] y = new double[GRID];
        int best = 0;
        for (int k = 0; k < GRID; k++) {
            x[k] = Math.min(hi, lo + (hi - lo) * k / (GRID - 1.0));
            y[k] = f.applyAsDouble(x[k]);
            if (y[k] < y[best]) {
                best = k;
            }
        }
        // golden-section search between the best grid point's neighbours, a fixed number of evaluations
        double a = x[Math.max(0, best - 1)];
        double b = x[Math.min(GRID - 1, best + 1)];
        double bestX = x[best];
        double bestY = y[best];
        double g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        double fc = f.applyAsDouble(c);
        double fd = f.applyAsDouble(d);
        for (int k = 0; k < EVALUATIONS; k++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - g * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + g * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        if (Math.min(fc, fd) < bestY) {
            bestX = fc < fd ? c : d;
            bestY = Math.min(fc, fd);
        }
        return new double[] {bestX, bestY};
    }

    /** The extra conductance with the best shared EX of the grid. */
    private Fits fitExtra(Mechanism m) {
        Fits best = null;
        for (double ex : EX_GRID_MV) {
            Fits f = fit(m, ex);
            if (best == null || sum(f.loss()) < sum(best.loss())) {
                best = f;
            }
        }
        return best;
    }

    /** Ranks fitted mechanisms; {@code changes}: whether each one's own parameter changes (the tests' answer). */
    public Result rank(Map<Mechanism, Fits> fits, Map<Mechanism, Change> changes, boolean anyChange) {
        boolean heldOut = cells.size() >= 2;
        double[] noneLoss = new double[recs.size()];
        IntStream.range(0, recs.size()).parallel().forEach(i -> {
            Rec r = recs.get(i);
            ModelSpec base = bases.get(r.cell());
            noneLoss[i] = new FitObjective(base, r.sweeps(), Progress.NONE).coarseLoss(base.values(), STEP_MS);
        });
        List<Ranked> ranked = new ArrayList<>();
        Map<String, double[]> thetas = new LinkedHashMap<>();
        Map<Mechanism, double[]> losses = new LinkedHashMap<>();
        for (Map.Entry<Mechanism, Fits> e : fits.entrySet()) {
            Mechanism m = e.getKey();
            Fits f = e.getValue();
            double[] delta = deltas(m, f.theta());
            double held = heldOut ? heldOutLoss(m, f, delta) : Double.NaN;
            ranked.add(new Ranked(m, held, geometricMean(f.loss()), f.exMv(), perLevel(m, f.theta(), delta),
                    f.theta(), changes.getOrDefault(m, Change.UNTESTED), Double.NaN));
            thetas.put(m.parameter(), f.theta());
            losses.put(m, f.loss());
        }
        ranked.sort(Comparator.comparingDouble(Ranked::inSampleLoss));
        double none = geometricMean(noneLoss);
        if (!ranked.isEmpty()) {
            Ranked top = ranked.get(0);
            double[] best = losses.get(top.mechanism());
            ranked = ranked.stream().map(r -> r == top ? r : r.withP(PairedSignFlip.pWorse(best,
                    losses.get(r.mechanism()), seedOf(r.mechanism())))).toList();
        }
        Result partial = new Result(ranked, none, heldOut, "", meanBase(), thetas, baseSources());
        return new Result(ranked, none, heldOut, verdict(partial, anyChange), partial.meanBase(), thetas,
                partial.cellBases());
    }

    /** A fixed seed per mechanism, so a re-run gives the same p where the test samples sign flips. */
    private static long seedOf(Mechanism m) {
        return m.parameter().hashCode();
    }

    private static String verdict(Result r, boolean anyChange) {
        Ranked w = r.winner();
        if (!anyChange) {
            return "no mechanism: no quantity changes with the condition (family-wise)";
        }
        if (w == null) {
            List<String> changing = r.ranking().stream().filter(x -> x.changes() && x.inSampleLoss() < r.noneLoss())
                    .map(x -> x.mechanism().name()).toList();
            if (changing.isEmpty()) {
                return "no mechanism confirmed: none whose parameter changes explains the recordings better than "
                        + "'no condition effect'";
            }
            return "no mechanism confirmed: the mechanisms whose parameter changes (" + String.join(", ", changing)
                    + ") explain the recordings clearly worse than " + r.ranking().get(0).mechanism().name()
                    + " (paired over recordings, p < " + DISTINGUISHED_P + "), whose parameter does not change: "
                    + "their change is more likely compensation than the cause";
        }
        String verdict = w.mechanism().name() + " explains the change best (in-sample, one parameter per recording "
                + "for every mechanism)";
        int place = r.ranking().indexOf(w);
        if (place > 0) {
            // the mechanisms ranked above it fit better (not clearly), but their own parameter does not change
            String above = r.ranking().subList(0, place).stream().map(x -> x.mechanism().name())
                    .collect(Collectors.joining(", "));
            verdict = w.mechanism().name() + " is the best-ranked mechanism whose parameter changes (ranked "
                    + (place + 1) + "; " + above + " explain the recordings better, but their parameters' changes are "
                    + "not significant family-wise over the mechanisms)";
        }
        List<Ranked> ties = r.notDistinguished();
        if (!ties.isEmpty()) {
            verdict += "; not distinguished from the best by these recordings (paired over recordings, p >= "
                    + DISTINGUISHED_P + "): " + ties.stream().map(x -> x.mechanism().name())
                    .collect(Collectors.joining(", "));
        }
        // ranked below the winner, as good in-sample, but their parameter's trend was not significant: a true
        // mechanism can land here (a gNa(G) series: gNa ranked 2nd and not significant), so the user sees it
        List<Ranked> quiet = r.ranking().subList(place + 1, r.ranking().size()).stream()
                .filter(x -> !x.changes() && x.notDistinguished() && x.inSampleLoss() < r.noneLoss()).toList();
        if (!quiet.isEmpty()) {
            verdict += "; also not distinguished from the best, though their parameter's change is not significant "
                    + "family-wise over the mechanisms: "
                    + quiet.stream().map(x -> x.mechanism().name()).collect(Collectors.joining(", "));
        }
        return verdict;
    }

    /** Held-out cells: the per-level effect from the other cells applied to each cell's own median. */
    private double heldOutLoss(Mechanism m, Fits f, double[] delta) {
        double[] loss = new double[recs.size()];
        IntStream.range(0, recs.size()).parallel().forEach(i -> {
            Rec r = recs.get(i);
            TreeMap<Double, double[]> train = new TreeMap<>();
            for (int j = 0; j < recs.size(); j++) {
                if (!recs.get(j).cell().equals(r.cell())) {
                    train.computeIfAbsent(recs.get(j).level(), k -> new double[2]);
                    train.get(recs.get(j).level())[0] += delta[j];
                    train.get(recs.get(j).level())[1] += 1;
                }
            }
            double d = interpolate(train, r.level());
            double anchor = anchor(m, f.theta(), r.cell());
            ModelSpec base = model(m, bases.get(r.cell()), f.exMv());
            double theta = clamp(base, m, fromT(m, toT(m, anchor) + d));
            loss[i] = new FitObjective(base, r.sweeps(), Progress.NONE).coarseLoss(with(base, m, theta), STEP_MS);
        });
        return geometricMean(loss);
    }

    private static double interpolate(TreeMap<Double, double[]> perLevel, double level) {
        if (perLevel.isEmpty()) {
            return 0;
        }
        Map.Entry<Double, double[]> lo = perLevel.floorEntry(level);
        Map.Entry<Double, double[]> hi = perLevel.ceilingEntry(level);
        if (lo == null) {
            return hi.getValue()[0] / hi.getValue()[1];
        }
        if (hi == null || lo.getKey().equals(hi.getKey())) {
            return lo.getValue()[0] / lo.getValue()[1];
        }
        double a = lo.getValue()[0] / lo.getValue()[1];
        double b = hi.getValue()[0] / hi.getValue()[1];
        double w = (level - lo.getKey()) / (hi.getKey() - lo.getKey());
        return a + w * (b - a);
    }

    /** Each recording's parameter relative to its cell's median (on the mechanism's scale). */
    private double[] deltas(Mechanism m, double[] theta) {
        double[] d = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            d[i] = toT(m, theta[i]) - toT(m, anchor(m, theta, recs.get(i).cell()));
        }
        return d;
    }

    private double anchor(Mechanism m, double[] theta, String cell) {
        return Median.of(IntStream.range(0, recs.size()).filter(i -> recs.get(i).cell().equals(cell))
                .mapToDouble(i -> theta[i]).toArray());
    }

    /** Mean over cells of the cell's median plus the mean effect at each level. */
    private Map<Double, Double> perLevel(Mechanism m, double[] theta, double[] delta) {
        double anchor = cells.stream().mapToDouble(c -> toT(m, anchor(m, theta, c))).average().orElse(Double.NaN);
        Map<Double, Double> out = new TreeMap<>();
        for (double level : recs.stream().mapToDouble(Rec::level).distinct().sorted().toArray()) {
            double d = IntStream.range(0, recs.size()).filter(i -> recs.get(i).level() == level)
                    .mapToDouble(i -> delta[i]).average().orElse(0);
            out.put(level, fromT(m, anchor + d));
        }
        return out;
    }

    /** The cells' models averaged parameter by parameter (the base of the per-level model files). */
    private ModelSpec meanBase() {
        ModelSpec first = bases.values().iterator().next();
        double[] v = new double[first.parameterCount()];
        for (ModelSpec b : bases.values()) {
            double[] x = b.values();
            for (int i = 0; i < v.length; i++) {
                v[i] += x[i] / bases.size();
            }
        }
        return withValuesInBounds(first, v);
    }

    /** The model a condition-level file describes: the mean base with the mechanism's value at the level. */
    public static ModelSpec levelModel(Result r, Ranked w, double level) {
        ModelSpec base = model(w.mechanism(), r.meanBase(), w.exMv());
        double theta = w.perLevel().get(level);
        return withValuesInBounds(base, with(base, w.mechanism(), theta));
    }

    private static ModelSpec withValuesInBounds(ModelSpec m, double[] v) {
        ModelSpec out = m;
        for (int i = 0; i < v.length; i++) {
            Parameter p = m.parameters().get(i);
            out = out.withBounds(p.name(), Math.min(p.lower(), v[i]), Math.max(p.upper(), v[i]));
        }
        return out.withValues(v);
    }

    /** The cell's model, plus the extra conductance (g 0, reversal EX) for that mechanism. */
    static ModelSpec model(Mechanism m, ModelSpec base, double exMv) {
        if (!m.kind().equals(Mechanism.EXTRA)) {
            return base;
        }
        return base.withCurrent(new CurrentSpec("IXc", Mechanism.EXTRA_G, Mechanism.EXTRA_E, List.of()),
                List.of(new Parameter(Mechanism.EXTRA_G, 0, "nS", -1000, 1000, true),
                        new Parameter(Mechanism.EXTRA_E, exMv, "mV", -200, 100, true)), List.of());
    }

    static double[] with(ModelSpec model, Mechanism m, double theta) {
        double[] v = model.values();
        v[model.indexOf(m.parameter())] = theta;
        return v;
    }

    /** Search interval on the mechanism's scale: {low, high, start}. */
    private static double[] range(Mechanism m, ModelSpec base) {
        double v = base.parameter(m.parameter()).value();
        if (m.kind().equals(Mechanism.EXTRA)) {
            double gl = base.currents().stream().filter(c -> c.gates().isEmpty()).findFirst()
                    .map(c -> base.parameter(c.conductance()).value()).orElse(1.0);
            return new double[] {-0.9 * gl, 30, 0};
        }
        Parameter p = base.parameter(m.parameter());
        if (m.logScale()) {
            return new double[] {Math.log(Math.max(v / 4, p.lower())), Math.log(Math.min(v * 4, p.upper())), Math.log(v)};
        }
        double w = m.kind().equals("kinetic shift") ? 15 : 30;
        return new double[] {Math.max(v - w, p.lower()), Math.min(v + w, p.upper()), v};
    }

    /**
     * The parameter's value at a point of the mechanism's scale, inside its bounds: on a log scale
     * exp(log(upper)) can land a rounding error above the bound (50000 nS → 50000.00000000001), which the
     * simulator refuses — it stopped a whole comparison once.
     */
    static double within(ModelSpec base, Mechanism m, double t) {
        return clamp(base, m, fromT(m, t));
    }

    /** A predicted value kept inside the parameter's bounds (the simulator refuses others). */
    private static double clamp(ModelSpec base, Mechanism m, double theta) {
        Parameter p = base.parameter(m.parameter());
        return Math.max(p.lower(), Math.min(p.upper(), theta));
    }

    private static double toT(Mechanism m, double theta) {
        return m.logScale() ? Math.log(theta) : theta;
    }

    private static double fromT(Mechanism m, double t) {
        return m.logScale() ? Math.exp(t) : t;
    }

    /** Median of each parameter over a cell's fitted models (structure of the first). */
    private static ModelSpec median(List<ModelSpec> models) {
        ModelSpec first = models.get(0);
        double[] v = first.values();
        for (int i = 0; i < v.length; i++) {
            String name = first.parameters().get(i).name();
            v[i] = Median.of(models.stream().filter(x -> x.hasParameter(name))
                    .mapToDouble(x -> x.parameter(name).value()).toArray());
        }
        return withValuesInBounds(first, v);
    }

    private static double sum(double[] x) {
        return Arrays.stream(x).sum();
    }

    /**
     * Losses are compared on a log scale: near threshold a small error adds or removes a spike and multiplies
     * one recording's loss, which should not decide the ranking alone.
     */
    static double geometricMean(double[] x) {
        return Math.exp(Arrays.stream(x).map(v -> Math.log(Math.max(v, 1e-12))).average().orElse(Double.NaN));
    }
}
