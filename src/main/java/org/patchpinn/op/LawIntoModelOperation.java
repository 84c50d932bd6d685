package org.patchpinn.op;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.fit.FitData;
import org.patchpinn.fit.FitSweep;
import org.patchpinn.fit.SweepValidation;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelException;
import org.patchpinn.model.ModelFileParser;
import org.patchpinn.model.ModelFileWriter;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.report.Charts;
import org.patchpinn.report.LawModelResultJson;
import org.patchpinn.report.Table;
import org.patchpinn.sim.SimulationResult;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.symbolic.DiscoveredCurrent;
import org.patchpinn.symbolic.FoundLaw;
import org.patchpinn.symbolic.LawValidation;
import org.patchpinn.symbolic.LearnedFunctions;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * Law Into Model: the last step of the loop fit → learned.csv → sr → model file → simulate. Adds a gated
 * current whose z∞(V) and τz(V) are the best laws of two Symbolic Regression results to a model, writes the
 * model file, reads it back and simulates one current step to show the model runs. With a recording
 * ({@code file}) it simulates the law model on the held-out sweeps' recorded commands and scores it (Γ ±2 ms,
 * RMSE), and with the fit's {@code learned.csv} also the network model it came from, and how far the laws
 * stray from the network functions (see {@link LawValidation}).
 */
public final class LawIntoModelOperation extends BasicOperation {
    private static final double STEP_START_MS = 50;
    private static final double STEP_DURATION_MS = 300;
    private static final double SIMULATED_MS = 400;
    private static final double DT_MS = 0.05;

    public LawIntoModelOperation() {
        super("lawmodel", "Law Into Model",
                "Adds the current I<name> = g<name>*z<name>*(V - E<name>) to a model, with z_inf(V) and tau_z(V) "
                + "(ms) taken from the best laws of two Symbolic Regression result.json files; writes the model "
                + "file (<model>-<name>.model), reads it back and simulates a current step (simulation.png). "
                + "With --file, simulates it on the held-out sweeps (--holdout) and reports Γ (±2 ms) and RMSE; "
                + "with --learned (the learned.csv of learn/fit) also for the network model, and the laws' "
                + "deviation from the network functions (validation.csv, validation.png, result.json validation).");
    }

    @Override public List<ParamSpec> params() {
        return List.of(
                ParamSpec.string("model", "traub-rs", "base model: built-in name (" + String.join(", ",
                        BuiltinModels.NAMES) + ") or model file"),
                ParamSpec.file("zinf", "Symbolic Regression result.json of z_inf(V)"),
                ParamSpec.file("tau", "Symbolic Regression result.json of tau_z(V) (ms)"),
                ParamSpec.string("current", "X", "name of the new current (I<name>, g<name>, E<name>, z<name>)"),
                ParamSpec.number("g", 10, 0, 1e6, "maximal conductance of the new current (nS)"),
                ParamSpec.number("e", -90, -200, 200, "reversal potential of the new current (mV)"),
                ParamSpec.number("step_pa", 200, -1e5, 1e5, "current step of the check simulation (pA), "
                        + "50-350 ms of 400 ms"),
                ParamSpec.string("values", "", "base model parameter values to set first, e.g. gNa=6600,gL=2.9 "
                        + "(e.g. those learned with the network)"),
                ParamSpec.optionalFile("file", "recording whose held-out sweeps validate the law model (optional)"),
                RecordingParams.series(),
                ParamSpec.string("holdout", "auto", "held-out sweeps of --file, numbered from 0, e.g. 2 "
                        + "('auto': the last sweep)"),
                ParamSpec.optionalFile("learned", "learned.csv of the network (V (mV), z_inf, tau_z (ms)): the "
                        + "network model compared with the law model (optional)"),
                ParamSpec.outDir(false));
    }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        ModelSpec base = ModelParams.withValues(ModelParams.model(values, "model"), values, "values");
        String name = values.string("current").trim();
        FoundLaw zInf = FoundLaw.read(values.path("zinf"));
        FoundLaw tau = FoundLaw.read(values.path("tau"));
        ModelSpec extended;
        try {
            extended = DiscoveredCurrent.add(base, name, values.number("g"), values.number("e"), zInf, tau);
        } catch (ModelException e) {
            throw new InvalidParameterException("current", e.getMessage());
        }
        String modelName = base.name() + "-sr-" + name;
        extended = extended.withName(modelName, base.description() + "; with I" + name
                + " discovered by symbolic regression");
        String text = ModelFileWriter.write(extended);
        // The file is what users and the other verbs read: simulate what was written.
        ModelSpec reread = ModelFileParser.parse(text, modelName + ".model");
        progress.status("simulating " + modelName);
        double stepPa = values.number("step_pa");
        SimulationResult sim = Simulator.shared().simulate(reread, reread.values(),
                Stimuli.step(STEP_START_MS, STEP_DURATION_MS, stepPa), SIMULATED_MS, DT_MS);
        int spikes = SpikeTimes.detect(sim.v(), DT_MS).length;

        JsonObject json = LawModelResultJson.of(base.name(), modelName, "I" + name, values.number("g"),
                values.number("e"), zInf, tau, new LawModelResultJson.Check(stepPa, STEP_START_MS, STEP_DURATION_MS,
                        sim, spikes), values.asMap());

        Table table = new Table("PatchPINN Discovered Current");
        table.addRow().set("item", "current").set("value", "I" + name + " = g" + name + " * z" + name
                + " * (V - E" + name + ")");
        table.addRow().set("item", "z" + name + " inf").set("value", zInf.voltageExpression());
        table.addRow().set("item", "tau z" + name + " (ms)").set("value", tau.voltageExpression());
        table.addRow().set("item", "model file").set("value", modelName + ".model");
        table.addRow().set("item", "spikes in check step").set("value", Integer.toString(spikes));

        String summary = modelName + ": I" + name + " added; check step " + stepPa + " pA gives " + spikes
                + " spikes";
        LearnedFunctions net = values.isSet("learned") ? LearnedFunctions.read(values.path("learned")) : null;
        LawValidation.Score lawScore = null;
        LawValidation.Score netScore = null;
        List<FitSweep> held = List.of();
        if (values.isSet("file")) {
            Recording r = RecordingParams.open(values, "file", progress);
            held = FitData.sweeps(r, holdout(values, r));
            lawScore = LawValidation.score("law", reread, held, progress);
            if (net != null) {
                ModelSpec network = LawValidation.networkModel(base, name, values.number("g"), values.number("e"),
                        net);
                netScore = LawValidation.score("network", network, held, progress);
            }
            summary += String.format(Locale.ROOT, "; held-out Γ law %.3f%s", lawScore.gamma(),
                    netScore == null ? "" : String.format(Locale.ROOT, ", network %.3f", netScore.gamma()));
        }
        LawValidation.Deviation dev = net == null ? null : LawValidation.deviation(net, zInf, tau);
        if (lawScore != null || dev != null) {
            LawModelResultJson.addValidation(json, held, lawScore, netScore, dev);
        }
        OperationResult result = new OperationResult(json, summary);
        if (lawScore != null) {
            result.table(validationTable(lawScore, netScore), "validation.csv");
            result.chart(heldOutChart(held.get(0), lawScore, netScore, modelName), "validation.png");
        }
        result.textFile(modelName + ".model", text);
        result.table(table, "discovered_current.csv");
        result.chart(chart(sim, modelName, stepPa), "simulation.png");
        return result;
    }

    private static List<Integer> holdout(ParamValues values, Recording r) {
        String h = values.string("holdout").trim();
        List<Integer> idx = h.isEmpty() || h.equalsIgnoreCase("auto") ? List.of(r.sweepCount() - 1)
                : values.indices("holdout");
        for (int k : idx) {
            if (k < 0 || k >= r.sweepCount()) {
                throw new InvalidParameterException("holdout", r.name() + " has sweeps 0-" + (r.sweepCount() - 1)
                        + ", not " + k);
            }
        }
        if (idx.isEmpty()) {
            throw new InvalidParameterException("holdout", "no held-out sweep given");
        }
        return idx;
    }

    private static Table validationTable(LawValidation.Score law, LawValidation.Score net) {
        Table t = new Table("PatchPINN Law Validation");
        for (LawValidation.Score s : net == null ? List.of(law) : List.of(net, law)) {
            for (SweepValidation sv : s.sweeps()) {
                t.addRow().set("model", s.label()).set("sweep", sv.sweep().index()).set("gamma", sv.gamma())
                        .set("RMSE (mV)", sv.rmseMv()).set("spikes data", sv.dataSpikes())
                        .set("spikes model", sv.modelSpikes());
            }
        }
        return t;
    }

    private static JFreeChart heldOutChart(FitSweep sweep, LawValidation.Score law, LawValidation.Score net,
                                           String model) {
        XYSeriesCollection c = new XYSeriesCollection(Charts.decimated("data", sweep.vMv(), sweep.dtMs()));
        c.addSeries(Charts.decimated("law model", law.sweeps().get(0).model().v(), sweep.dtMs()));
        if (net != null) {
            c.addSeries(Charts.decimated("network model", net.sweeps().get(0).model().v(), sweep.dtMs()));
        }
        XYPlot plot = Charts.plot(c, Charts.axis("time", "ms"), Charts.valueAxis("V", "mV"), Charts.dataAndModel());
        return Charts.chart(model + ": held-out sweep " + sweep.index(), plot, true);
    }

    private static JFreeChart chart(SimulationResult sim, String model, double stepPa) {
        XYSeries v = new XYSeries("V", false, true);
        for (int i = 0; i < sim.length(); i++) {
            v.add(sim.timeMs(i), sim.v()[i]);
        }
        XYPlot plot = Charts.plot(new XYSeriesCollection(v), Charts.axis("time", "ms"), Charts.valueAxis("V", "mV"),
                Charts.lines());
        return Charts.chart(model + ": " + stepPa + " pA step", plot, false);
    }
}
