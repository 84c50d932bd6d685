package org.patchpinn.fit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;
import org.patchpinn.numeric.LeastSquares;
import org.patchpinn.report.Json;
import org.patchpinn.report.Table;
import org.patchpinn.task.Progress;

/**
 * The classical fit, coarse to fine:
 * <ol>
 *   <li>global: CMA-ES (Hansen; Commons Math) from several starts over the free parameters in the unit
 *       cube (log scale for positive ranges), on the coarse loss of {@link FitObjective} (spike times and
 *       the subthreshold trace), which has none of the ruggedness a trace loss gets from misaligned
 *       spikes;</li>
 *   <li>local: Levenberg–Marquardt on every sample of every fitted sweep (the Gaussian likelihood);</li>
 *   <li>95 % confidence intervals by profile likelihood ({@link ProfileLikelihood}); when profiling finds a
 *       clearly better fit (the likelihood of a spiking model has long curved valleys where a local method
 *       stops short), the fit restarts from it;</li>
 *   <li>the intervals are widened by a numerical allowance: how far the optimum moves when the simulation
 *       step is doubled.</li>
 * </ol>
 */
public final class ClassicFit implements FitMethod {
    /** Integration step of the global stage (ms): RK4 at 0.05 ms keeps spike times within ~0.05 ms. */
    static final double COARSE_STEP_MS = 0.05;
    /**
     * Integration step of the local stage and the intervals (ms): with thousands of samples the likelihood
     * resolves spike times to microseconds, so the simulation error must be smaller still.
     */
    static final double FINE_STEP_MS = 0.025;
    /** Step of the comparison fit that estimates the numerical part of the intervals (ms). */
    static final double CHECK_STEP_MS = 0.05;
    /** CMA-ES step size in the unit cube: small around the model's own values, wide from random starts. */
    static final double FIRST_SIGMA = 0.03;
    static final double RANDOM_SIGMA = 0.2;
    /** Finite-difference step of the local stage's Jacobian in the unit cube. */
    static final double FD_STEP = 2e-5;
    /** How often profiling may move the optimum before the fit gives up on intervals. */
    static final int MAX_PROFILE_RESTARTS = 3;

    @Override
    public String name() {
        return "trace";
    }

    /** A CMA-ES run stops when the best loss has not improved (by 1e-4, relative) within this many evaluations. */
    static final int STALL_EVALUATIONS = 600;

    /** Best point of one CMA-ES run and its loss history. */
    private record StartResult(int start, double[] u, double loss, int evaluations, List<double[]> history) { }

    @Override
    public FitOutcome fit(FitProblem problem, Progress progress) {
        ModelSpec spec = problem.model();
        FitSettings settings = problem.settings();
        ParameterSpace space = new ParameterSpace(spec);
        FitObjective objective = new FitObjective(spec, problem.fitSweeps(), progress);
        JsonObject diagnostics = new JsonObject();
        Table lossTable = new Table("PatchPINN Fit Loss");

        long t0 = System.nanoTime();
        progress.status("fit (classic): global search, " + settings.starts() + " start(s)");
        List<double[]> starts = startPoints(space, settings);
        AtomicInteger done = new AtomicInteger();
        int budget = settings.maxEvaluations() * settings.starts();
        Progress global = progress.range(0, 0.6);
        List<StartResult> results = IntStream.range(0, starts.size()).parallel()
                .mapToObj(k -> cmaes(k, starts.get(k), k == 0 ? FIRST_SIGMA : RANDOM_SIGMA, space, objective, settings, () -> {
                    int n = done.incrementAndGet();
                    if (n % 25 == 0) {
                        global.fraction(n / (double) budget);
                    }
                })).toList();
        StartResult best = results.stream().min(Comparator.comparingDouble(StartResult::loss)).orElseThrow();
        JsonArray startJson = new JsonArray();
        for (StartResult r : results) {
            JsonObject o = new JsonObject();
            o.addProperty("start", r.start());
            o.addProperty("coarse_loss", r.loss());
            o.addProperty("evaluations", r.evaluations());
            o.add("parameters", named(space, space.toFull(r.u())));
            startJson.add(o);
            for (double[] h : r.history()) {
                lossTable.addRow().set("stage", "global").set("start", r.start()).set("evaluation", h[0])
                        .set("loss", h[1]);
            }
        }
        JsonObject g = new JsonObject();
        g.addProperty("optimizer", "CMA-ES (Commons Math), unit cube, log scale for positive ranges");
        g.add("starts", startJson);
        g.addProperty("best_start", best.start());
        g.addProperty("wall_s", (System.nanoTime() - t0) / 1e9);
        diagnostics.add("global", g);

        long t1 = System.nanoTime();
        boolean[] all = new boolean[space.dimension()];
        Arrays.fill(all, true);

        long t15 = System.nanoTime();
        progress.status("fit (classic): local refinement on the traces");
        progress.fraction(0.6);
        LeastSquares ls = LeastSquares.onUnitCube(u -> objective.residuals(space.toFull(u), FINE_STEP_MS), FD_STEP)
                .withProgress(progress);
        LeastSquares.Solution sol = ls.minimise(best.u(), all, 30, 1e-7);
        int dof = Math.max(1, objective.sampleCount() - space.dimension());
        progress.log(String.format(Locale.ROOT, "fit (classic): trace RSS %.4f after least squares "
                + "(%d samples)", sol.rss(), objective.sampleCount()));
        double sigma = Math.sqrt(sol.rss() / dof);
        JsonObject local = new JsonObject();
        local.addProperty("optimizer", "Levenberg-Marquardt, finite-difference Jacobian (central once forward "
                + "differences stall)");
        local.addProperty("iterations", sol.iterations());
        local.addProperty("rmse_mV", Math.sqrt(sol.rss() / objective.sampleCount()));
        local.addProperty("noise_sd_estimate_mV", sigma);
        local.addProperty("wall_s", (System.nanoTime() - t15) / 1e9);
        diagnostics.add("local", local);
        lossTable.addRow().set("stage", "local").set("start", best.start()).set("evaluation", sol.iterations())
                .set("loss", sol.rss() / objective.sampleCount());

        double[] full = space.toFull(sol.x());
        double[][] ci = null;
        if (settings.confidenceIntervals()) {
            long t2 = System.nanoTime();
            progress.status("fit (classic): confidence intervals (profile likelihood)");
            ProfileLikelihood pl = null;
            double[][] statistical = null;
            String ciMethod = "profile likelihood";
            int restarts = 0;
            while (statistical == null) {
                pl = new ProfileLikelihood(space, ls, sol, sigma, progress.range(0.7, 0.95));
                try {
                    statistical = pl.intervals();
                } catch (ProfileLikelihood.BetterOptimum better) {
                    if (restarts++ == MAX_PROFILE_RESTARTS) {
                        // The likelihood keeps descending: the model probably cannot describe the data. Report
                        // the local (Wald) intervals at the best point and say so.
                        progress.log("fit (classic): profiling keeps finding better fits; reporting Wald "
                                + "intervals (the model may not describe the data)");
                        sol = ls.minimise(better.u, all, 30, 1e-7);
                        sigma = Math.sqrt(sol.rss() / dof);
                        full = space.toFull(sol.x());
                        pl = new ProfileLikelihood(space, ls, sol, sigma, progress.range(0.7, 0.95));
                        statistical = pl.waldIntervals();
                        ciMethod = "Wald (profile likelihood did not settle)";
                        local.addProperty("rmse_mV", Math.sqrt(sol.rss() / objective.sampleCount()));
                        local.addProperty("noise_sd_estimate_mV", sigma);
                        break;
                    }
                    double before = sol.rss();
                    sol = ls.minimise(better.u, all, 30, 1e-7);
                    progress.log(String.format(Locale.ROOT, "fit (classic): profiling found a better fit "
                            + "(RSS %.4f -> %.4f), refining from it", before, sol.rss()));
                    sigma = Math.sqrt(sol.rss() / dof);
                    full = space.toFull(sol.x());
                    local.addProperty("rmse_mV", Math.sqrt(sol.rss() / objective.sampleCount()));
                    local.addProperty("noise_sd_estimate_mV", sigma);
                    local.addProperty("profile_restarts", restarts);
                }
            }
            double[] seen = pl.bestSeen();
            double seenRss = LeastSquares.sumOfSquares(objective.residuals(space.toFull(seen), FINE_STEP_MS));
            if (seenRss < sol.rss()) {
                // A profile point beat the optimum by a fraction of a χ² unit: it is the better estimate.
                full = space.toFull(seen);
                local.addProperty("rmse_mV", Math.sqrt(seenRss / objective.sampleCount()));
            }
            // Numerical part: how far the optimum moves when the simulation is less exact (step 0.025 instead
            // of 0.01 ms). The data's own simulator (or the cell) differs from ours by at least this much, and at
            // microsecond resolution of spike times this, not the noise, can dominate the uncertainty.
            progress.status("fit (classic): numerical uncertainty");
            LeastSquares check = LeastSquares.onUnitCube(
                    u -> objective.residuals(space.toFull(u), CHECK_STEP_MS), FD_STEP).withProgress(progress);
            double[] other = space.toFull(check.minimise(sol.x(), all, 8, 1e-7).x());
            ci = new double[space.dimension()][2];
            JsonObject statJson = new JsonObject();
            JsonObject numJson = new JsonObject();
            for (int i = 0; i < space.dimension(); i++) {
                int fi = space.fullIndex(i);
                double allowance = Math.abs(other[fi] - full[fi]);
                Parameter p = spec.parameters().get(fi);
                ci[i][0] = Math.max(p.lower(), statistical[i][0] - allowance);
                ci[i][1] = Math.min(p.upper(), statistical[i][1] + allowance);
                statJson.add(space.name(i), Json.interval(statistical[i][0], statistical[i][1]));
                numJson.add(space.name(i), Json.number(allowance));
            }
            JsonObject c = new JsonObject();
            c.addProperty("method", ciMethod + " (chi2(1) 95% = 3.841, noise sd from residuals), widened on "
                    + "each side by the numerical allowance |optimum(step " + FINE_STEP_MS + " ms) - optimum(step "
                    + CHECK_STEP_MS + " ms)|");
            c.addProperty("sigma_mV", sigma);
            c.add("statistical_ci95", statJson);
            c.add("numerical_allowance", numJson);
            c.add("wald_se", pl.waldJson());
            c.addProperty("wall_s", (System.nanoTime() - t2) / 1e9);
            diagnostics.add("confidence_intervals", c);
        }
        diagnostics.addProperty("simulations", objective.simulations());
        diagnostics.addProperty("wall_s", (System.nanoTime() - t0) / 1e9);
        progress.fraction(1);
        List<ParameterEstimate> estimates = new ArrayList<>();
        for (int i = 0; i < spec.parameterCount(); i++) {
            Parameter p = spec.parameters().get(i);
            int free = space.spec().freeParameters().indexOf(p.name());
            if (free < 0) {
                estimates.add(new ParameterEstimate(p.name(), p.unit(), full[i], full[i], full[i], true));
            } else {
                double lo = ci == null ? Double.NaN : ci[free][0];
                double hi = ci == null ? Double.NaN : ci[free][1];
                estimates.add(new ParameterEstimate(p.name(), p.unit(), full[i], lo, hi, false));
            }
        }
        return new FitOutcome(spec.withValues(full), estimates, diagnostics).table(lossTable);
    }

    /** The model's values first, then seeded random points inside [0.1, 0.9] of the cube. */
    static List<double[]> startPoints(ParameterSpace space, FitSettings settings) {
        List<double[]> out = new ArrayList<>();
        out.add(space.toUnit(space.spec().values()));
        Random rnd = new Random(settings.seed());
        for (int k = 1; k < settings.starts(); k++) {
            double[] u = new double[space.dimension()];
            for (int i = 0; i < u.length; i++) {
                u[i] = 0.1 + 0.8 * rnd.nextDouble();
            }
            out.add(u);
        }
        return out;
    }

    private static StartResult cmaes(int start, double[] u0, double sigma, ParameterSpace space,
                                     FitObjective objective, FitSettings settings, Runnable tick) {
        int dim = space.dimension();
        List<double[]> history = new ArrayList<>();
        CmaesSearch.Result r = CmaesSearch.minimiseOnce(u -> objective.coarseLoss(space.toFull(u), COARSE_STEP_MS),
                u0, sigma, Math.max(12, 4 + (int) Math.floor(3 * Math.log(dim))), settings.maxEvaluations(),
                STALL_EVALUATIONS, settings.seed() * 7919 + start, (evals, best) -> {
                    if (evals % 20 == 0) {
                        history.add(new double[] {evals, best});
                    }
                    tick.run();
                });
        if (history.isEmpty() || history.get(history.size() - 1)[0] != r.evaluations()) {
            history.add(new double[] {r.evaluations(), r.loss()});
        }
        return new StartResult(start, r.u(), r.loss(), r.evaluations(), history);
    }

    static JsonObject named(ParameterSpace space, double[] full) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < space.dimension(); i++) {
            o.add(space.name(i), Json.number(full[space.fullIndex(i)]));
        }
        return o;
    }
}
