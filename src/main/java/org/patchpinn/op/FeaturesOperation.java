package org.patchpinn.op;

import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.features.ArtefactDetector;
import org.patchpinn.features.CellFeatures;
import org.patchpinn.features.RecordingArtefacts;
import org.patchpinn.features.RecordingFeatures;
import org.patchpinn.features.SpikeDetectionSettings;
import org.patchpinn.features.StimulusWindow;
import org.patchpinn.features.SweepArtefacts;
import org.patchpinn.features.TraceMath;
import org.patchpinn.fit.FitData;
import org.patchpinn.report.FeaturesReport;
import org.patchpinn.report.Json;
import org.patchpinn.report.SpikeChart;
import org.patchpinn.report.Table;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Units;

/** Summary Statistics: eFEL-named features per sweep, cell properties, and a plot of each sweep's spikes. */
public final class FeaturesOperation extends BasicOperation {
    public static final String ARTEFACT_TABLE = "PatchPINN Artefacts";

    public FeaturesOperation() {
        super("features", "Summary Statistics",
                "Measures a current-clamp recording: per sweep the eFEL features (Spikecount, Spikecount_stimint, "
                + "time_to_first_spike, mean_frequency, ISI_values, ISI_CV, adaptation_index2, AP_amplitude, "
                + "AP_begin_voltage, spike_half_width, AHP_depth, voltage_base, steady_state_voltage_stimend, "
                + "voltage_deflection, time_constant, ohmic_input_resistance, sag_ratio1) and the sbi statistics "
                + "(rest_mean, rest_std, stim_mean, stim_variance, stim_skewness, stim_kurtosis); per cell the F-I "
                + "slope, rheobase, input resistance, membrane time constant and sag ratio. The stimulus window "
                + "comes from the command waveform unless stim_start_ms and stim_end_ms are given. Per-spike "
                + "features are averaged in the tables; result.json lists every value and every spike. Recording "
                + "artefacts of every sweep (needs the command waveform): bridge-balance error Rs from the voltage "
                + "jump at command edges, baseline drift from the first sweep, 50/60 Hz mains hum, depolarisation "
                + "block; flagged ones are warned about in the summary. ljp_mv subtracts a liquid-junction potential (or "
                + "another voltage offset) first, as fit does. Writes features.csv, cell.csv, "
                + "artefacts.csv, result.json and sweep_<k>.png (spikes, thresholds, half widths).");
    }

    @Override public List<ParamSpec> params() {
        SpikeDetectionSettings d = SpikeDetectionSettings.defaults();
        return RecordingParams.withFile("current-clamp recording",
                ParamSpec.outDir(false),
                ParamSpec.string("sweeps", "", "sweeps to measure, e.g. 0,2,5-9 (empty: all)"),
                new ParamSpec("stim_start_ms", ParamType.DOUBLE, "", false,
                        "stimulus onset (ms); empty: from the command waveform", 0, Double.NaN, List.of()),
                new ParamSpec("stim_end_ms", ParamType.DOUBLE, "", false,
                        "stimulus end (ms); empty: from the command waveform", 0, Double.NaN, List.of()),
                ParamSpec.number("dvdt_threshold", d.dvdtThresholdVPerS(), 0.1, 10000,
                        "dV/dt a spike's upstroke must exceed (V/s)"),
                ParamSpec.number("min_peak", d.minPeakMv(), -200, 200, "smallest spike peak (mV)"),
                ParamSpec.number("ljp_mv", 0, -FitData.MAX_LJP_MV, FitData.MAX_LJP_MV, "liquid-junction potential "
                        + "(mV), subtracted from the recorded voltage before measuring (as fit's ljp_mv)"));
    }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        progress.status("reading " + values.path("file").getFileName());
        Recording r = RecordingParams.open(values, "file", progress.range(0, 0.1));
        return run(r, values, progress.range(0.1, 1));
    }

    /** The measurement of an already opened recording (the file parameter is not read again). */
    public OperationResult run(Recording r, ParamValues values, Progress progress) {
        SpikeDetectionSettings settings = SpikeDetectionSettings.defaults()
                .withDvdtThreshold(values.number("dvdt_threshold")).withMinPeak(values.number("min_peak"));
        double ljpMv = values.number("ljp_mv");
        RecordingFeatures rf = RecordingFeatures.analyse(r, values.indices("sweeps"), settings,
                window(values), ljpMv, progress.range(0, 0.7));
        progress.status("recording artefacts");
        RecordingArtefacts artefacts = artefacts(r, rf, ljpMv);
        if (artefacts != null) {
            rf = rf.withoutPassive(artefacts.unresponsiveSweeps());
        }
        JsonObject json = FeaturesReport.json(r, rf, settings, artefacts);
        json.add("ljp_mV", Json.number(ljpMv));
        double lessBridge = lessBridge(rf.cell(), artefacts);
        json.getAsJsonObject("cell").add("input_resistance_less_bridge_MOhm", Json.number(lessBridge));
        OperationResult result = new OperationResult(json, summary(r, rf, artefacts, lessBridge));
        result.table(FeaturesReport.sweepTable(rf), "features.csv");
        result.table(FeaturesReport.cellTable(r, rf, lessBridge), "cell.csv");
        if (artefacts != null) {
            result.table(artefactTable(artefacts), "artefacts.csv");
        }
        double mvScale = Units.toMillivolts(r.channel(rf.voltageChannel()).unit());
        List<Integer> idx = rf.sweepIndices();
        for (int i = 0; i < idx.size(); i++) {
            progress.checkCancelled();
            progress.fraction(0.7 + 0.3 * i / idx.size());
            double[] v = TraceMath.lessOffset(r.sweep(idx.get(i)).channel(rf.voltageChannel()).toDoubleArray(mvScale),
                    ljpMv);
            // Every sweep's plot is saved; only the last (usually the strongest step) opens a window in Fiji.
            var chart = SpikeChart.of(r.name() + " sweep " + idx.get(i), v, r.dtMs(), rf.sweeps().get(i));
            if (i == idx.size() - 1) {
                result.chart(chart, "sweep_" + idx.get(i) + ".png");
            } else {
                result.fileChart(chart, "sweep_" + idx.get(i) + ".png");
            }
        }
        return result;
    }

    private static StimulusWindow window(ParamValues values) {
        boolean start = values.isSet("stim_start_ms");
        boolean end = values.isSet("stim_end_ms");
        if (!start && !end) {
            return null;
        }
        if (start != end) {
            throw new InvalidParameterException(start ? "stim_end_ms" : "stim_start_ms",
                    "give both stim_start_ms and stim_end_ms, or neither (window from the command waveform)");
        }
        double a = values.number("stim_start_ms");
        double b = values.number("stim_end_ms");
        if (!(b > a)) {
            throw new InvalidParameterException("stim_end_ms", b + " ms must be after stim_start_ms (" + a + " ms)");
        }
        return new StimulusWindow(a, b);
    }

    /** The artefacts of every sweep, compared with the measured input resistance; null without a current command. */
    private static RecordingArtefacts artefacts(Recording r, RecordingFeatures rf, double ljpMv) {
        if (!r.hasCommand() || !Units.isCurrent(r.commandUnit())) {
            return null;
        }
        return ArtefactDetector.analyse(r, rf.cell().inputResistanceMOhm(), ljpMv);
    }

    static Table artefactTable(RecordingArtefacts a) {
        Table t = new Table(ARTEFACT_TABLE);
        for (SweepArtefacts s : a.sweeps()) {
            t.addRow().set("sweep", s.sweep()).set("bridge_MOhm", s.bridgeMohm()).set("drift_mV", s.driftMv())
                    .set("hum_mV", s.humMv()).set("depolarisation_block", Boolean.toString(s.depolarisationBlock()))
                    .set("no_response", Boolean.toString(s.noResponse()))
                    .set("notes", String.join("; ", s.notes()));
        }
        return t;
    }

    private static String summary(Recording r, RecordingFeatures rf, RecordingArtefacts artefacts,
                                  double lessBridge) {
        int spikes = rf.sweeps().stream().mapToInt(f -> f.spikes().size()).sum();
        CellFeatures c = rf.cell();
        String s = String.format(Locale.ROOT, "%s: %d sweeps, %d spikes, rheobase %s pA, input resistance "
                        + "%s MOhm, time constant %s ms", r.name(), rf.sweeps().size(), spikes,
                text(c.rheobasePa()), text(c.inputResistanceMOhm()), text(c.timeConstantMs()));
        if (c.passiveSource().equals(CellFeatures.FROM_PULSES)) {
            s += " (from the test pulses: no hyperpolarising step sweep)";
        }
        if (r.hasCommand() && rf.windowFromCommand() && Arrays.stream(rf.stimulusPa()).allMatch(Double::isNaN)) {
            s += "; no F-I curve: the command changes within its window (a ramp or a waveform), no sweep holds a step";
        }
        if (artefacts == null) {
            return s + "; artefacts not measured (no current command waveform)";
        }
        s += "; bridge Rs " + text(artefacts.bridgeMohm()) + " MOhm";
        if (Double.isFinite(lessBridge) && artefacts.bridgeMohm() != 0) {
            s += " (input resistance less Rs: " + text(lessBridge) + " MOhm)";
        }
        return artefacts.warnings().isEmpty() ? s : s + "; warnings: " + String.join("; ", artefacts.warnings());
    }

    /**
     * The input resistance with the bridge-balance error taken out (Rin − Rs; NaN where either is unknown): the
     * steady deflections are read on the raw voltage, which an unbalanced bridge shifts by Rs·I, while the fit
     * subtracts Rs·I first, so this is the figure comparable with the fit's (171116sh_0018: 107.4 raw, Rs 11.6).
     */
    private static double lessBridge(CellFeatures c, RecordingArtefacts artefacts) {
        return artefacts == null ? Double.NaN : c.inputResistanceMOhm() - artefacts.bridgeMohm();
    }

    private static String text(double d) {
        return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.4g", d);
    }

}
