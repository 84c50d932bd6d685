package org.patchpinn.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.patchpinn.batch.BatchEngine;
import org.patchpinn.batch.InputFiles;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.symbolic.FormLawFinder;
import org.patchpinn.symbolic.Law;
import org.patchpinn.symbolic.LawFinder;
import org.patchpinn.symbolic.LawIntervals;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * Compares recordings made under different conditions (e.g. glucose levels): fits every recording with the
 * shared structure (in parallel, resumable), pools each cell's recordings for its membrane, separates the
 * condition-dependent extra conductance from each cell's leak, summarises every parameter and feature per
 * condition, tests each for a monotonic trend, and finds laws for what changes.
 */
public final class ConditionComparison {
    public static final String GX = "gX";
    /** Prefix of each recording's value of a mechanism's parameter (fitted with all else the cell's). */
    public static final String MECHANISM = "mechanism.";

    private final ComparisonSettings settings;
    private final Function<Path, Recording> loader;
    private final List<RecordingFitter> extraFitters;
    private final FeatureExtractor features;
    private final LawFinder lawFinder;
    private BatchEngine engine;
    private AnalyzerRecipe recipe;

    public ConditionComparison(ComparisonSettings settings, Function<Path, Recording> loader,
                               List<RecordingFitter> extraFitters, FeatureExtractor features, LawFinder lawFinder) {
        this.settings = settings;
        this.loader = loader;
        this.extraFitters = List.copyOf(extraFitters);
        this.features = features;
        this.lawFinder = lawFinder;
    }

    /**
     * Runs the per-recording stage on {@code engine} (e.g. Spark) instead of this JVM's thread pool; the
     * recipe rebuilds {@link #analyzer()} on executors. Everything across recordings still runs here.
     */
    public ConditionComparison withEngine(BatchEngine engine, AnalyzerRecipe recipe) {
        this.engine = engine;
        this.recipe = recipe;
        return this;
    }

    /** The per-recording stage: the shared structure's subthreshold fit, the extra fitters, the features. */
    public RecordingAnalyzer analyzer() {
        List<RecordingFitter> fitters = new ArrayList<>();
        fitters.add(new SubthresholdFitter(settings.subthreshold()));
        fitters.addAll(extraFitters);
        return new RecordingAnalyzer(loader, fitters, features);
    }

    /** Runs the comparison; with {@code outDir} each recording's result is saved there and reused on re-runs. */
    public ComparisonResult run(Path manifestFile, Path outDir, Progress progress) {
        return run(manifestFile, null, outDir, progress);
    }

    /** @param dataDir folder the manifest's file names are relative to; null: the manifest's folder */
    public ComparisonResult run(Path manifestFile, Path dataDir, Path outDir, Progress progress) {
        return run(manifestFile.toString(), dataDir == null ? null : dataDir.toString(), outDir, progress);
    }

    /**
     * @param manifestFile a local path, a file: URI or, when the engine reads other file systems (Spark), an
     *                     hdfs://, s3a:// ... URI; so may the manifest's files be
     * @param dataDir      folder (path or URI) the manifest's file names are relative to; null: the manifest's
     */
    public ComparisonResult run(String manifestFile, String dataDir, Path outDir, Progress progress) {
        long t0 = System.nanoTime();
        InputFiles files = engine == null ? InputFiles.LOCAL : engine;
        Function<ManifestEntry, Recording> driverLoader = new DriverRecordings(loader, files);
        Manifest manifest = ManifestReader.read(manifestFile, settings.conditionColumn(), dataDir, files);
        RecordingAnalyzer analyzer = analyzer();
        ResultStore store = outDir == null ? null : new ResultStore(outDir);
        progress.status("analysing " + manifest.usable().size() + " recordings");
        BatchRunner runner = engine == null ? new BatchRunner(analyzer, store, settings.threads())
                : new BatchRunner(analyzer, store, engine, recipe);
        List<RecordingResult> results = runner.run(manifest.entries(), progress.range(0, 0.85));
        progress.status("comparing conditions");
        List<String> warnings = new ArrayList<>(manifest.warnings());
        if (!settings.subthreshold().structure().note().isEmpty()) {
            warnings.add(settings.subthreshold().structure().note());
        }
        List<RecordingRow> rows = results.stream().map(RecordingRow::new).toList();
        List<RecordingRow> ok = rows.stream().filter(r -> r.result().ok()).toList();
        poolCells(ok, warnings);
        addFeatures(ok);
        ConductanceDecomposition.Result decomposition = decompose(ok, warnings, progress);
        progress.checkCancelled();
        progress.fraction(0.85);
        MechanismComparison mechanisms = null;
        Map<Mechanism, MechanismComparison.Fits> mechanismFits = Map.of();
        String fitName = extraFitters.stream().filter(f -> f instanceof ModelRecordingFitter)
                .map(RecordingFitter::name).findFirst().orElse(null);
        String whyNotMechanisms = MechanismComparison.whyNot(ok, fitName);
        if (whyNotMechanisms.isEmpty()) {
            progress.status("fitting each candidate mechanism per recording");
            mechanisms = MechanismComparison.prepare(ok, fitName, driverLoader);
            ModelSpec any = mechanisms.baseModel();
            mechanismFits = mechanisms.fitAll(Mechanism.candidates(any), progress.range(0.85, 0.93));
            warnings.addAll(absentConductances(any, mechanismFits.keySet()));
            List<RecordingRow> fitted = mechanisms.rows();
            for (Map.Entry<Mechanism, MechanismComparison.Fits> e : mechanismFits.entrySet()) {
                String unit = e.getKey().kind().equals(Mechanism.EXTRA) ? "nS" : any.parameter(e.getKey().parameter()).unit();
                for (int i = 0; i < fitted.size(); i++) {
                    fitted.get(i).put(MECHANISM + e.getKey().parameter(), Quantity.of(e.getValue().theta()[i], unit));
                }
            }
        } else {
            warnings.add("no mechanism comparison: " + whyNotMechanisms);
        }
        List<String> names = quantityNames(ok);
        Map<Double, Map<String, Summary>> perCondition = summarise(ok, names);
        WithinCellTrend.Analysis tested = trends(ok, names);
        List<TrendChange> changes = changes(ok, tested);
        if (!tested.design().warning().isEmpty()) {
            warnings.add(tested.design().warning());
        }
        MechanismComparison.Result ranking = null;
        if (mechanisms != null) {
            boolean any = changes.stream().anyMatch(TrendChange::significant);
            ranking = mechanisms.rank(mechanismFits, mechanismChanges(ok, mechanismFits.keySet()), any);
        }
        progress.fraction(0.95);
        List<Law> laws = laws(ok, changes, decomposition, ranking);
        // an unidentified split (a control) has no condition model: its leak/EX are one of many equal fits
        boolean identified = decomposition != null && decomposition.identified();
        ConditionModel model = identified ? model(ok, decomposition) : null;
        List<HeldOutSimulation.Check> simulated = identified
                ? simulateHeldOut(ok, decomposition, warnings, driverLoader) : List.of();
        List<TrendChange> covariates = decomposition == null ? List.of() : covariateEffects(ok, manifest, decomposition);
        return new ComparisonResult(settings, rows, names, perCondition, tested.design(), changes,
                decomposition, ranking, laws,
                model, simulated, covariates, warnings, (System.nanoTime() - t0) / 1e9);
    }

    /** Membrane parameters from all recordings of a cell together (shared C and slow conductance). */
    private void poolCells(List<RecordingRow> ok, List<String> warnings) {
        String slow = settings.subthreshold().structure().slowGate().map(SlowGate::conductance).orElse(null);
        Map<String, List<RecordingRow>> byCell = new LinkedHashMap<>();
        ok.forEach(r -> byCell.computeIfAbsent(r.entry().cell(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<RecordingRow>> e : byCell.entrySet()) {
            List<RecordingRow> cell = e.getValue();
            List<LinearMembrane> membranes;
            try {
                membranes = LinearMembraneSolver.solveJoint(cell.stream()
                        .map(r -> SubthresholdFitter.system(r.result().fits().get(SubthresholdFitter.NAME))).toList());
            } catch (RuntimeException x) {
                warnings.add("cell " + e.getKey() + ": pooled membrane fit failed (" + x.getMessage()
                        + "); using each recording's own fit");
                membranes = cell.stream().map(r -> LinearMembraneSolver.solve(
                        SubthresholdFitter.system(r.result().fits().get(SubthresholdFitter.NAME)))).toList();
                // each recording's own fit succeeded in the batch, so this cannot fail
            }
            for (int i = 0; i < cell.size(); i++) {
                LinearMembrane m = membranes.get(i);
                RecordingRow row = cell.get(i);
                row.put("C", new Quantity(m.cPf(), m.seC(), "pF"));
                row.put("g_lin", new Quantity(m.gNs(), m.seG(), "nS"));
                row.put("E_lin", new Quantity(m.eMv(), m.seE(), "mV"));
                if (slow != null) {
                    row.put(slow, new Quantity(m.gMNs(), m.seGM(), "nS"));
                }
                // The recording's own C and gM, to check the pooling assumption with the same trend test.
                Map<String, Estimate> own = row.result().fits().get(SubthresholdFitter.NAME).parameters();
                row.put("C_single", new Quantity(own.get("C").value(), own.get("C").se(), "pF"));
                if (slow != null) {
                    row.put(slow + "_single", new Quantity(own.get(slow).value(), own.get(slow).se(), "nS"));
                }
                row.put("input_resistance_lin", new Quantity(1000.0 / m.gNs(), m.seG() * 1000.0 / (m.gNs() * m.gNs()),
                        "MOhm"));
            }
        }
    }

    private void addFeatures(List<RecordingRow> ok) {
        for (RecordingRow r : ok) {
            for (RecordingFitter f : extraFitters) {
                FitOutcome out = r.result().fits().get(f.name());
                if (out != null) {
                    out.parameters().forEach((k, v) -> r.put(f.name() + "." + k, new Quantity(v.value(), v.se(), v.unit())));
                }
            }
            RecordingFeatures feats = r.result().features();
            if (feats != null) {
                feats.scalars().forEach((k, v) -> r.put(k, Quantity.of(v.value(), v.unit())));
            }
        }
    }

    private ConductanceDecomposition.Result decompose(List<RecordingRow> ok, List<String> warnings, Progress progress) {
        List<ConductanceDecomposition.Observation> obs = ok.stream().map(r -> new ConductanceDecomposition.Observation(
                r.entry().name(), r.entry().cell(), r.entry().condition(), r.value("g_lin"), r.value("E_lin"),
                r.quantities().get("g_lin").se(), r.quantities().get("E_lin").se())).toList();
        String why = ConductanceDecomposition.whyNot(obs);
        if (!why.isEmpty()) {
            warnings.add("no leak / extra-conductance decomposition: " + why);
            return null;
        }
        // each bootstrap replicate is a full non-linear refit: 500 are plenty for 95 % percentiles
        int reps = Math.min(settings.bootstrap(), 500);
        progress.status("decomposing the linear conductance (" + reps + " bootstrap fits)");
        try {
            ConductanceDecomposition.Result d = ConductanceDecomposition.fit(obs, settings.fixedExMv(), reps,
                    settings.seed());
            for (int i = 0; i < ok.size(); i++) {
                Estimate gx = d.gx().get(i);
                ok.get(i).put(GX, new Quantity(gx.value(), gx.se(), "nS"));
            }
            if (!d.identified()) {
                warnings.add("leak / extra-conductance decomposition: EX, the cells' leaks and the gX law are not "
                        + "identified (" + d.identification().reason() + "); no condition model is written");
            }
            return d;
        } catch (RuntimeException x) {
            warnings.add("leak / extra-conductance decomposition failed: " + x.getMessage());
            return null;
        }
    }

    static List<String> quantityNames(List<RecordingRow> ok) {
        List<String> names = new ArrayList<>();
        for (RecordingRow r : ok) {
            for (String k : r.quantities().keySet()) {
                if (!names.contains(k)) {
                    names.add(k);
                }
            }
        }
        return names;
    }

    private Map<Double, Map<String, Summary>> summarise(List<RecordingRow> ok, List<String> names) {
        Map<Double, Map<String, Summary>> out = new TreeMap<>();
        TreeSet<Double> levels = new TreeSet<>();
        ok.forEach(r -> levels.add(r.entry().condition()));
        long seed = settings.seed();
        for (double level : levels) {
            Map<String, Summary> m = new LinkedHashMap<>();
            for (String name : names) {
                double[] v = ok.stream().filter(r -> r.entry().condition() == level).mapToDouble(r -> r.value(name))
                        .toArray();
                m.put(name, Summary.of(v, settings.bootstrap(), seed++));
            }
            out.put(level, m);
        }
        return out;
    }

    /** Each recording's cell and condition level, in row order. */
    private static List<WithinCellTrend.Recording> design(List<RecordingRow> ok) {
        return ok.stream().map(r -> new WithinCellTrend.Recording(r.entry().cell(), r.entry().condition())).toList();
    }

    /** Every quantity tested against the condition at once (min-P or max-T controls the family-wise error). */
    private WithinCellTrend.Analysis trends(List<RecordingRow> ok, List<String> names) {
        List<WithinCellTrend.Recording> recs = design(ok);
        Map<String, double[]> values = new LinkedHashMap<>();
        for (String name : names) {
            values.put(name, ok.stream().mapToDouble(r -> r.value(name)).toArray());
        }
        return WithinCellTrend.test(recs, values, settings.permutations(), settings.seed(), settings.alpha());
    }

    /**
     * Whether each mechanism's own per-recording parameter changes with the condition, family-wise over the
     * mechanisms' parameters only: every mechanism's parameter takes up part of the change (each is refitted to
     * the same recordings), so which one acts is a question of its own, not one more quantity among the features
     * and fitted parameters "what changes" reports.
     */
    private Map<Mechanism, MechanismComparison.Change> mechanismChanges(List<RecordingRow> ok,
                                                                         Collection<Mechanism> mechanisms) {
        List<WithinCellTrend.Recording> recs = design(ok);
        Map<Mechanism, double[]> values = new LinkedHashMap<>();
        for (Mechanism m : mechanisms) {
            values.put(m, ok.stream().mapToDouble(r -> r.value(MECHANISM + m.parameter())).toArray());
        }
        return mechanismChanges(recs, values, settings.permutations(), settings.seed(), settings.alpha());
    }

    /** The within-cell trend test of each mechanism's per-recording values, min-P or max-T over these alone. */
    static Map<Mechanism, MechanismComparison.Change> mechanismChanges(List<WithinCellTrend.Recording> recs,
            Map<Mechanism, double[]> values, int permutations, long seed, double alpha) {
        Map<String, double[]> byName = new LinkedHashMap<>();
        values.forEach((m, v) -> byName.put(MECHANISM + m.parameter(), v));
        Map<String, WithinCellTrend.Result> tested = new LinkedHashMap<>();
        WithinCellTrend.test(recs, byName, permutations, seed, alpha).results()
                .forEach(t -> tested.put(t.quantity(), t));
        Map<Mechanism, MechanismComparison.Change> out = new LinkedHashMap<>();
        for (Mechanism m : values.keySet()) {
            WithinCellTrend.Result t = tested.get(MECHANISM + m.parameter());
            double p = t == null ? Double.NaN : t.pAdjusted();
            out.put(m, new MechanismComparison.Change(p, Double.isFinite(p) && p < alpha));
        }
        return out;
    }

    private List<TrendChange> changes(List<RecordingRow> ok, WithinCellTrend.Analysis a) {
        List<TrendChange> out = new ArrayList<>();
        for (WithinCellTrend.Result t : a.results()) {
            String unit = ok.stream().map(r -> r.quantities().get(t.quantity())).filter(q -> q != null)
                    .map(Quantity::unit).findFirst().orElse("");
            out.add(new TrendChange(t.quantity(), unit, t.effect(), t.ciLow(), t.ciHigh(), t.t(), t.p(), t.pAdjusted(),
                    Double.isFinite(t.pAdjusted()) && t.pAdjusted() < settings.alpha(), t.n()));
        }
        return out;
    }

    private List<Law> laws(List<RecordingRow> ok, List<TrendChange> changes, ConductanceDecomposition.Result d,
                           MechanismComparison.Result ranking) {
        List<Law> laws = new ArrayList<>();
        String g = "G";
        if (d != null && !d.identified()) {
            laws.add(notIdentified(GX + " (nS)", List.of(g), d));
            laws.add(notIdentified("I_X (pA)", List.of("V", g), d));
        } else if (d != null) {
            HillLaw h = d.law();
            // the decomposition's own intervals (fitted jointly with every cell's leak, bootstrap over cells)
            laws.add(notTheCause(identifiability(new Law(GX + " (nS)", List.of(g), h.expression(g), h.sympy(g),
                    d.lawR2(), "leak / extra-conductance decomposition", x -> h.value(x[0])).withConstants(List.of(
                    constant(d.gmax()), constant(d.k()), constant(d.h()))), levels(ok)), ranking));
            laws.add(notTheCause(extraCurrentLaw(ok, d), ranking));
        }
        // the named mechanism's parameter gets its law even where "what changes" (family-wise over every
        // quantity) does not list it: the mechanism comparison tested it in its own family
        MechanismComparison.Ranked winner = ranking == null ? null : ranking.winner();
        String named = winner == null ? "" : MECHANISM + winner.mechanism().parameter();
        for (TrendChange c : changes) {
            if (!c.significant() && !c.name().equals(named)) {
                continue;
            }
            List<RecordingRow> with = ok.stream().filter(r -> Double.isFinite(r.value(c.name()))).toList();
            double[][] x = with.stream().map(r -> new double[] {r.entry().condition()}).toArray(double[][]::new);
            double[] y = with.stream().mapToDouble(r -> r.value(c.name())).toArray();
            String target = c.name() + " (" + c.unit() + ")";
            if (c.name().equals(GX) && lawFinder instanceof FormLawFinder) {
                continue; // the decomposition's Hill law already is the candidate answer
            }
            List<String> cells = with.stream().map(r -> r.entry().cell()).toList();
            find(target, List.of(g), x, y).ifPresent(l -> laws.add(identifiability(
                    l.withConstants(LawIntervals.of(l, x, y, cells)), levels(ok))));
        }
        return laws;
    }

    /**
     * A decomposition law the data do not identify (a control: EX and the leaks trade off freely): no
     * expression, no constants, R² NaN, and the reason in its source, so that no fitted number reads as an
     * estimate.
     */
    static Law notIdentified(String target, List<String> variables, ConductanceDecomposition.Result d) {
        return new Law(target, variables, "not identified", "", Double.NaN,
                "leak / extra-conductance decomposition; NOT IDENTIFIED: " + d.identification().reason(),
                x -> Double.NaN);
    }

    /**
     * The decomposition always yields some gX(G): when the mechanism comparison does not rank the extra
     * conductance first, its law's source says so, so that no one reads it as the cause.
     */
    static Law notTheCause(Law l, MechanismComparison.Result ranking) {
        if (ranking == null) {
            return l;
        }
        MechanismComparison.Ranked w = ranking.winner();
        if (w != null && w.mechanism().kind().equals(Mechanism.EXTRA)) {
            return l;
        }
        return l.withSource(l.source() + "; NOT the cause: the mechanism comparison does not rank an extra "
                + "conductance first (" + ranking.verdict() + "); this law describes the linear conductance's change");
    }

    private static Law.Constant constant(Estimate e) {
        return new Law.Constant(e.value(), e.ciLow(), e.ciHigh());
    }

    private static int levels(List<RecordingRow> ok) {
        return (int) ok.stream().mapToDouble(r -> r.entry().condition()).distinct().count();
    }

    /**
     * A law with as many constants as there are condition levels passes through the level means whatever
     * the truth: its form and constants are not identified by the design, which the law's source says.
     */
    static Law identifiability(Law l, int levels) {
        int k = l.parameterCount();
        if (k < levels) {
            return l;
        }
        return l.withSource(l.source() + "; WARNING: " + k
                + " constants for " + levels + " levels: the law interpolates the levels, its form and constants "
                + "are not identified (record more levels)");
    }

    /**
     * The configured law finder's law, unless the building-block forms fit clearly better (R² higher by more than
     * 0.001): with a handful of recordings a general search may settle on a constant or an odd shape, while
     * the building-block forms are the shapes physiology expects. The source says which won.
     */
    private Optional<Law> find(String target, List<String> variables, double[][] x, double[] y) {
        Optional<Law> candidate = new FormLawFinder().find(target, variables, x, y);
        if (lawFinder instanceof FormLawFinder) {
            return candidate;
        }
        Optional<Law> found;
        try {
            found = lawFinder.find(target, variables, x, y);
        } catch (RuntimeException e) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            return candidate;
        }
        if (candidate.isPresent() && candidate.get().r2() > found.get().r2() + 0.001) {
            Law c = candidate.get();
            return Optional.of(c.withSource(c.source()
                    + String.format(Locale.ROOT, "; better than %s (R² %.4f)", found.get().source(),
                    found.get().r2())));
        }
        return found;
    }

    /** The learned extra current I_X(V, G) = gX(G)·(V − EX) as a law of V and the condition. */
    private Law extraCurrentLaw(List<RecordingRow> ok, ConductanceDecomposition.Result d) {
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (RecordingRow r : ok) {
            for (double v = -100; v <= -50; v += 5) {
                xs.add(new double[] {v, r.entry().condition()});
                ys.add(r.value(GX) * (v - d.ex().value()));
            }
        }
        double[][] x = xs.toArray(double[][]::new);
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        Optional<Law> found = find("I_X (pA)", List.of("V", "G"), x, y);
        if (found.isPresent()) {
            return found.get();
        }
        HillLaw h = d.law();
        double ex = d.ex().value();
        double[] fit = Arrays.stream(x).mapToDouble(p -> h.value(p[1]) * (p[0] - ex)).toArray();
        String e = HillLaw.drivingForce("V", ex);
        return new Law("I_X (pA)", List.of("V", "G"), h.expression("G") + "*" + e, "(" + h.sympy("G") + ")*" + e,
                ConductanceDecomposition.r2(y, fit), "leak / extra-conductance decomposition",
                p -> h.value(p[1]) * (p[0] - ex));
    }

    /**
     * Whether a numeric covariate (e.g. minutes since the change of condition) explains what the law does not:
     * the within-cell trend test of each recording's gX minus the law's value against the covariate.
     */
    private List<TrendChange> covariateEffects(List<RecordingRow> ok, Manifest manifest,
                                               ConductanceDecomposition.Result d) {
        List<TrendChange> out = new ArrayList<>();
        for (String cov : manifest.covariateColumns()) {
            List<WithinCellTrend.Recording> recs = new ArrayList<>();
            List<Double> residual = new ArrayList<>();
            for (RecordingRow r : ok) {
                try {
                    double x = Double.parseDouble(r.entry().covariates().getOrDefault(cov, ""));
                    recs.add(new WithinCellTrend.Recording(r.entry().cell(), x));
                    residual.add(r.value(GX) - d.law().value(r.entry().condition()));
                } catch (NumberFormatException notNumeric) {
                    // a text covariate (e.g. a date) is kept in the tables but not tested
                }
            }
            if (recs.size() < 3) {
                continue;
            }
            WithinCellTrend.Result t = WithinCellTrend.test(recs, Map.of(GX, residual.stream()
                    .mapToDouble(Double::doubleValue).toArray()), settings.permutations(), settings.seed() + 7919,
                    settings.alpha()).results().get(0);
            out.add(new TrendChange(GX + " residual vs " + cov, "nS", t.effect(), t.ciLow(), t.ciHigh(), t.t(), t.p(),
                    t.p(), Double.isFinite(t.p()) && t.p() < settings.alpha(), t.n()));
        }
        return out;
    }

    /** Each held-out cell's model (law from the other cells) simulated with the cell's own stimuli. */
    private List<HeldOutSimulation.Check> simulateHeldOut(List<RecordingRow> ok, ConductanceDecomposition.Result d,
                                                          List<String> warnings,
                                                          Function<ManifestEntry, Recording> driverLoader) {
        List<HeldOutSimulation.Check> out = new ArrayList<>();
        SubthresholdStructure base = settings.subthreshold().structure();
        for (ConductanceDecomposition.HeldOut h : d.heldOut()) {
            if (!h.ok()) {
                continue;
            }
            List<RecordingRow> cell = ok.stream().filter(r -> r.entry().cell().equals(h.cell())).toList();
            double c = cell.stream().mapToDouble(r -> r.value("C")).average().orElse(Double.NaN);
            ConditionModel m = new ConditionModel(settings.conditionColumn(), base, c, h.gLNs(), h.eLMv(),
                    slowConductance(cell), base.slowReversalMv(), h.exMv(), h.law(), "held-out cell " + h.cell());
            for (RecordingRow r : cell) {
                try {
                    out.addAll(HeldOutSimulation.run(m, driverLoader.apply(r.entry()), h.cell(),
                            r.entry().condition()));
                } catch (RuntimeException x) {
                    warnings.add("held-out simulation of " + r.entry().name() + " failed: " + x.getMessage());
                }
            }
        }
        return out;
    }

    /** Mean pooled slow-current conductance of {@code rows}; 0 when the structure has no slow gate. */
    private double slowConductance(List<RecordingRow> rows) {
        return settings.subthreshold().structure().slowGate().map(SlowGate::conductance)
                .map(name -> rows.stream().mapToDouble(r -> r.value(name)).average().orElse(Double.NaN)).orElse(0.0);
    }

    private ConditionModel model(List<RecordingRow> ok, ConductanceDecomposition.Result d) {
        SubthresholdStructure base = settings.subthreshold().structure();
        double c = ok.stream().mapToDouble(r -> r.value("C")).average().orElse(Double.NaN);
        double gl = d.cells().stream().mapToDouble(x -> x.gL().value()).average().orElse(Double.NaN);
        double el = d.cells().stream().mapToDouble(x -> x.eL().value()).average().orElse(Double.NaN);
        return new ConditionModel(settings.conditionColumn(), base, c, gl, el, slowConductance(ok),
                base.slowReversalMv(), d.ex().value(), d.law(), base.name() + " (" + base.spec().description()
                + "); subthreshold parameters averaged over cells; extra linear conductance gX(G)");
    }

    /**
     * The conductances left out of the mechanisms because some cell's model has them at 0 (traub-rs-m's gAHP where
     * the fit found no AHP): no factor makes an absent current act, and a current the condition adds is the extra
     * conductance's case. Named, so a user does not read their absence as a result.
     */
    static List<String> absentConductances(ModelSpec model, Collection<Mechanism> compared) {
        return Mechanism.offered(model).stream().filter(m -> m.logScale() && !compared.contains(m))
                .map(m -> "conductance " + m.parameter() + " not compared as a mechanism: it is 0 in at least one "
                        + "cell's model, and no factor makes an absent current act (a current the condition adds is "
                        + "the extra conductance's case)").toList();
    }
}
