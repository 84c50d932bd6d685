package org.patchpinn.op;

import com.google.gson.JsonObject;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelException;
import org.patchpinn.model.ModelFileParser;
import org.patchpinn.model.ModelFileWriter;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.report.Json;
import org.patchpinn.report.Table;
import org.patchpinn.sim.SimulationResult;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.symbolic.DiscoveredCurrent;
import org.patchpinn.symbolic.FoundLaw;
import org.patchpinn.task.Progress;

/**
 * Law Into Model: the last step of the loop fit → learned.csv → sr → model file → simulate. Adds a gated
 * current whose z∞(V) and τz(V) are the best laws of two Symbolic Regression results to a model, writes the
 * model file, reads it back and simulates one current step to show the model runs.
 */
public final class LawIntoModelOperation implements Operation {
    private static final double STEP_START_MS = 50;
    private static final double STEP_DURATION_MS = 300;
    private static final double SIMULATED_MS = 400;
    private static final double DT_MS = 0.05;

    @Override public String verb() { return "lawmodel"; }

    @Override public String title() { return "Law Into Model"; }

    @Override public String description() {
        return "Adds the current I<name> = g<name>*z<name>*(V - E<name>) to a model, with z_inf(V) and tau_z(V) "
                + "(ms) taken from the best laws of two Symbolic Regression result.json files; writes the model "
                + "file (<model>-<name>.model), reads it back and simulates a current step (simulation.png).";
    }

    @Override public java.util.List<ParamSpec> params() {
        return java.util.List.of(
                ParamSpec.string("model", "traub-rs", "base model: built-in name (" + String.join(", ",
                        BuiltinModels.NAMES) + ") or model file"),
                ParamSpec.file("zinf", "Symbolic Regression result.json of z_inf(V)"),
                ParamSpec.file("tau", "Symbolic Regression result.json of tau_z(V) (ms)"),
                ParamSpec.string("current", "X", "name of the new current (I<name>, g<name>, E<name>, z<name>)"),
                ParamSpec.number("g", 10, 0, 1e6, "maximal conductance of the new current (nS)"),
                ParamSpec.number("e", -90, -200, 200, "reversal potential of the new current (mV)"),
                ParamSpec.number("step_pa", 200, -1e5, 1e5, "current step of the check simulation (pA), "
                        + "50-350 ms of 400 ms"),
                ParamSpec.outDir(false));
    }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        ModelSpec base;
        try {
            base = BuiltinModels.resolve(values.string("model"));
        } catch (ModelException e) {
            throw new org.patchpinn.InvalidParameterException("model", e.getMessage());
        }
        String name = values.string("current").trim();
        FoundLaw zInf = FoundLaw.read(values.path("zinf"));
        FoundLaw tau = FoundLaw.read(values.path("tau"));
        ModelSpec extended;
        try {
            extended = DiscoveredCurrent.add(base, name, values.number("g"), values.number("e"), zInf, tau);
        } catch (ModelException e) {
            throw new org.patchpinn.InvalidParameterException("current", e.getMessage());
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
        int spikes = spikeCount(sim.v());

        JsonObject json = new JsonObject();
        json.addProperty("base_model", base.name());
        json.addProperty("model", modelName);
        json.addProperty("model_file", modelName + ".model");
        json.addProperty("current", "I" + name);
        json.add("g_ns", Json.number(values.number("g")));
        json.add("e_mv", Json.number(values.number("e")));
        json.addProperty("z_inf", zInf.voltageExpression());
        json.addProperty("tau_ms", tau.voltageExpression());
        JsonObject check = new JsonObject();
        check.add("step_pa", Json.number(stepPa));
        check.add("step_start_ms", Json.number(STEP_START_MS));
        check.add("step_duration_ms", Json.number(STEP_DURATION_MS));
        check.addProperty("finite", sim.isFinite());
        check.addProperty("spikes", spikes);
        check.add("v_min_mv", Json.number(java.util.Arrays.stream(sim.v()).min().orElse(Double.NaN)));
        check.add("v_max_mv", Json.number(java.util.Arrays.stream(sim.v()).max().orElse(Double.NaN)));
        json.add("simulation", check);
        json.add("params", Json.toTree(values.asMap()));

        Table table = new Table("PatchPINN Discovered Current");
        table.addRow().set("item", "current").set("value", "I" + name + " = g" + name + " * z" + name
                + " * (V - E" + name + ")");
        table.addRow().set("item", "z" + name + " inf").set("value", zInf.voltageExpression());
        table.addRow().set("item", "tau z" + name + " (ms)").set("value", tau.voltageExpression());
        table.addRow().set("item", "model file").set("value", modelName + ".model");
        table.addRow().set("item", "spikes in check step").set("value", Integer.toString(spikes));

        OperationResult result = new OperationResult(json, modelName + ": I" + name + " added; check step "
                + stepPa + " pA gives " + spikes + " spikes");
        result.textFile(modelName + ".model", text);
        result.table(table, "discovered_current.csv");
        result.chart(chart(sim, modelName, stepPa), "simulation.png");
        return result;
    }

    /** Upward crossings of 0 mV. */
    static int spikeCount(double[] v) {
        int n = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i - 1] < 0 && v[i] >= 0) {
                n++;
            }
        }
        return n;
    }

    private static JFreeChart chart(SimulationResult sim, String model, double stepPa) {
        XYSeries s = new XYSeries("V", false, true);
        for (int i = 0; i < sim.length(); i++) {
            s.add(sim.timeMs(i), sim.v()[i]);
        }
        JFreeChart c = ChartFactory.createXYLineChart(model + ": " + stepPa + " pA step", "time (ms)", "V (mV)",
                new XYSeriesCollection(s), PlotOrientation.VERTICAL, false, false, false);
        c.setBackgroundPaint(java.awt.Color.WHITE);
        c.getXYPlot().setBackgroundPaint(java.awt.Color.WHITE);
        c.getXYPlot().setDomainGridlinePaint(java.awt.Color.LIGHT_GRAY);
        c.getXYPlot().setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
        return c;
    }
}
