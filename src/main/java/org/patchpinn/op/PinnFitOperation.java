package org.patchpinn.op;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.pinn.BaseModel;
import org.patchpinn.pinn.CurrentClampData;
import org.patchpinn.pinn.NewStateFit;
import org.patchpinn.pinn.NewStateReport;
import org.patchpinn.pinn.PinnRecordings;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * Learn New States: fits a base HH model plus 0, 1, 2 or an automatically chosen number of new gated
 * currents (neural z∞, τz) with method hybrid or pinn, validated on held-out sweeps. Meant to become the
 * pinn/hybrid methods of the Fit Model command once that lands.
 */
public final class PinnFitOperation implements Operation {
    @Override public String verb() { return "learn"; }

    @Override public String title() { return "Learn New States"; }

    @Override public String description() {
        return "Learns a missing gated current g·z·(V−E) with neural z∞(V), τz(V) inside a base HH model from "
                + "current-clamp sweeps (method hybrid: differentiable integrator on many short windows plus a "
                + "summary-statistic refinement; method pinn: collocation PINN), scores it by free simulation "
                + "on held-out sweeps (Γ ±2 ms, spike counts, adaptation) and, with latent auto, says whether a "
                + "new state is needed. Writes result.json, learned.csv (V, z_inf, tau_z), states.csv, "
                + "loss.csv, selection.csv, validation.csv and plots.";
    }

    @Override public List<ParamSpec> params() {
        return List.of(
                ParamSpec.file("file", "current-clamp recording (.abf, .atf, .nwb, ...)"),
                ParamSpec.outDir(false),
                ParamSpec.choice("method", "hybrid", "fitting method", "hybrid", "pinn"),
                ParamSpec.choice("base", "traub-rs", "base model with known kinetics (without slow currents)",
                        "traub-rs", "hh-squid"),
                ParamSpec.choice("latent", "auto", "number of new gated currents (auto: choose 0-2 on held-out sweeps)",
                        "auto", "0", "1", "2"),
                ParamSpec.string("train_sweeps", "", "sweeps to fit, numbered from 1, e.g. 1,2,4 (empty: all but "
                        + "the held-out ones)"),
                ParamSpec.string("holdout_sweeps", "", "held-out sweeps for early stopping, model choice and "
                        + "validation, numbered from 1 (empty: the second-to-last sweep)"),
                ParamSpec.integer("steps", 100, 1, 100000, "training steps (Adam) per candidate"),
                ParamSpec.integer("refine_evals", 2000, 0, 100000,
                        "free simulations for the CMA-ES summary-statistic refinement (hybrid)"),
                ParamSpec.integer("seed", 1, 0, Integer.MAX_VALUE, "random seed (results are reproducible)"),
                ParamSpec.choice("device", "auto", "where networks train", "auto", "cpu", "gpu"));
    }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        Path file = values.path("file");
        progress.status("reading " + file.getFileName());
        Recording r = PinnRecordings.open(file);
        CurrentClampData data = CurrentClampData.of(r);
        List<Integer> held = oneBased(values.indices("holdout_sweeps"), "holdout_sweeps");
        if (held.isEmpty()) {
            if (data.sweepCount() < 2) {
                throw new InvalidParameterException("holdout_sweeps", "the recording has a single sweep; "
                        + "held-out validation needs at least two");
            }
            held = List.of(Math.max(0, data.sweepCount() - 2));
        }
        List<Integer> train = oneBased(values.indices("train_sweeps"), "train_sweeps");
        if (train.isEmpty()) {
            train = new ArrayList<>();
            for (int i = 0; i < data.sweepCount(); i++) {
                if (!held.contains(i)) {
                    train.add(i);
                }
            }
        }
        NewStateFit.Settings s = new NewStateFit.Settings(values.string("method"),
                BaseModel.byId(values.string("base")), values.string("latent"), train, held,
                values.integer("steps"), values.integer("seed"), values.string("device"),
                values.integer("refine_evals"));
        NewStateFit.Outcome o = new NewStateFit().run(data, s, progress);
        OperationResult result = new OperationResult(NewStateReport.json(o, data), String.format(Locale.ROOT,
                "%s: %s, %d new state(s); held-out agreement %.3f", data.name(), s.method(),
                o.chosen().latentCount(), o.chosen().heldOutAgreement()));
        for (int j = 0; j < o.chosen().model().latents().size(); j++) {
            result.table(NewStateReport.learned(o.chosen().model(), j), j == 0 ? "learned.csv"
                    : "learned_z" + (j + 1) + ".csv");
        }
        result.table(NewStateReport.selection(o), "selection.csv");
        result.table(NewStateReport.validation(o), "validation.csv");
        CurrentClampData.SweepData first = data.sweep(held.get(0));
        result.fileTable(NewStateReport.states(o.chosen().model(), first, data.dtMs()), "states.csv");
        result.fileTable(NewStateReport.loss(o), "loss.csv");
        result.chart(NewStateReport.tracesChart(o.chosen().model(), first, data.dtMs()), "heldout.png");
        if (!o.chosen().model().latents().isEmpty()) {
            result.chart(NewStateReport.learnedChart(o.chosen().model()), "learned.png");
        }
        result.chart(NewStateReport.lossChart(o), "loss.png");
        return result;
    }

    private static List<Integer> oneBased(List<Integer> idx, String key) {
        List<Integer> out = new ArrayList<>();
        for (int i : idx) {
            if (i < 1) {
                throw new InvalidParameterException(key, "sweeps are numbered from 1");
            }
            out.add(i - 1);
        }
        return out;
    }
}
