package org.patchpinn.op;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.PatchPinnException;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.io.AtfWriter;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelFileWriter;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.report.SimulateResultJson;
import org.patchpinn.report.RecordingChart;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.report.Table;
import org.patchpinn.sim.NoiseModel;
import org.patchpinn.sim.SimulationResult;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.sim.Stimulus;
import org.patchpinn.sim.SyntheticRecording;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * Simulate Model: runs a model (built-in or model file) on current steps or on the recorded command
 * waveforms of a file, and writes every state and current, a plot, and the sweeps as an ATF recording (with
 * optional noise) that the other verbs can read.
 */
public final class SimulateOperation extends BasicOperation {
    public SimulateOperation() {
        super("simulate", "Simulate Model",
                "Simulates a neuron model on current steps (--amplitudes, pA) or on the command waveforms of a "
                + "recording (--file). Writes result.json (parameters, spikes and resting V per sweep), "
                + "sweep_<k>.csv (time, V, stimulus, gates, currents), simulated.atf (V and command; white noise "
                + "of --noise_mv added), model.model and traces.png.");
    }

    @Override public List<ParamSpec> params() {
        return List.of(ParamSpec.string("model", "hh-squid", "built-in model (" + String.join(", ",
                        BuiltinModels.NAMES) + ") or model file"),
                ParamSpec.string("values", "", "parameter values to change, e.g. gNa=10000,Cm=120"),
                ParamSpec.optionalFile("file", "recording whose command waveforms are the stimuli (optional)"),
                RecordingParams.series(),
                ParamSpec.string("sweeps", "", "sweeps of --file to simulate, e.g. 0,2 (empty: all)"),
                ParamSpec.string("amplitudes", "0,300,600", "step amplitudes (pA), one sweep each (without --file)"),
                ParamSpec.number("start_ms", 50, 0, 1e7, "step onset (ms)"),
                ParamSpec.number("duration_ms", 200, 0, 1e7, "step duration (ms)"),
                ParamSpec.number("total_ms", 300, 0.1, 1e7, "sweep length (ms)"),
                ParamSpec.number("dt_ms", 0.05, 1e-4, 10, "sampling interval of the output (ms)"),
                ParamSpec.number("noise_mv", 0, 0, 1000, "white noise added to V in simulated.atf (mV)"),
                ParamSpec.integer("seed", 1, 0, Integer.MAX_VALUE, "seed of the noise"),
                ParamSpec.outDir(false));
    }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        ModelSpec model = ModelParams.withValues(ModelParams.model(values, "model"), values, "values");
        List<Stimulus> stims = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        double dt;
        double total;
        if (values.isSet("file")) {
            Recording r = RecordingParams.open(values, "file", progress);
            List<Integer> sweeps = values.indices("sweeps");
            if (sweeps.isEmpty()) {
                sweeps = IntStream.range(0, r.sweepCount()).boxed().toList();
            }
            for (int k : sweeps) {
                try {
                    stims.add(Stimuli.fromSweep(r, k));
                } catch (PatchPinnException e) {
                    throw new InvalidParameterException("file", e.getMessage());
                }
                labels.add(k);
            }
            dt = r.dtMs();
            total = r.sweepLength() * dt;
        } else {
            dt = values.number("dt_ms");
            total = values.number("total_ms");
            int k = 0;
            for (String a : values.string("amplitudes").split("[,;\\s]+")) {
                if (a.isBlank()) {
                    continue;
                }
                double amp;
                try {
                    amp = Double.parseDouble(a);
                } catch (NumberFormatException e) {
                    throw new InvalidParameterException("amplitudes", "'" + a + "' is not a number (pA)");
                }
                stims.add(Stimuli.step(values.number("start_ms"), values.number("duration_ms"), amp));
                labels.add(k++);
            }
            if (stims.isEmpty()) {
                throw new InvalidParameterException("amplitudes", "give at least one step amplitude (pA)");
            }
        }
        double[] p = model.values();
        List<SimulationResult> results = new ArrayList<>();
        for (int i = 0; i < stims.size(); i++) {
            progress.checkCancelled();
            progress.status("simulating " + model.name() + " sweep " + labels.get(i));
            progress.fraction(i / (double) stims.size());
            results.add(Simulator.shared().simulate(model, p, stims.get(i), total, dt, Simulator.stepFor(dt), null,
                    true));
        }
        Recording rec = SyntheticRecording.generate(model, p, stims, total, dt,
                NoiseModel.white(values.number("noise_mv")), values.integer("seed"));

        List<SimulateResultJson.Sweep> reported = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            SimulationResult s = results.get(i);
            reported.add(new SimulateResultJson.Sweep(labels.get(i), stims.get(i).describe(),
                    SpikeTimes.detect(s.v(), dt).length, s.v()[0], s.isFinite()));
        }
        OperationResult result = new OperationResult(SimulateResultJson.of(model, reported, values.asMap()),
                String.format(Locale.ROOT, "%s: %d sweeps simulated", model.name(), results.size()));
        Table summary = new Table("PatchPINN Simulation");
        for (int i = 0; i < results.size(); i++) {
            SimulateResultJson.Sweep w = reported.get(i);
            summary.addRow().set("sweep", w.sweep()).set("stimulus", w.stimulus()).set("spikes", w.spikes())
                    .set("V start (mV)", w.vStartMv());
            // streamed from the arrays: as a table, a long sweep at a high sampling rate exhausted the heap
            result.streamedFile("sweep_" + w.sweep() + ".csv", OutputFolder.csv(results.get(i).columns()));
        }
        result.table(summary, "simulation.csv");
        result.streamedFile("simulated.atf", out -> AtfWriter.write(rec, out));
        if (model.isWritable()) {
            result.textFile("model.model", ModelFileWriter.write(model));
        }
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(20, rec.sweepCount()); i++) {
            shown.add(i);
        }
        JFreeChart chart = RecordingChart.of(rec, 0, shown);
        chart.setTitle(model.name() + " (simulated)");
        result.chart(chart, "traces.png");
        return result;
    }
}
