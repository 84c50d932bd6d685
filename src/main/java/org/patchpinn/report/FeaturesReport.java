package org.patchpinn.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import org.patchpinn.features.CellFeatures;
import org.patchpinn.features.FeatureNames;
import org.patchpinn.features.RecordingArtefacts;
import org.patchpinn.features.RecordingFeatures;
import org.patchpinn.features.Spike;
import org.patchpinn.features.SpikeDetectionSettings;
import org.patchpinn.features.SweepArtefacts;
import org.patchpinn.features.SweepFeatureExtractor;
import org.patchpinn.features.SweepFeatures;
import org.patchpinn.trace.Recording;

/** What Summary Statistics writes: result.json, the per-sweep table (features.csv) and the cell table (cell.csv). */
public final class FeaturesReport {
    /** The recording's artefacts (null when they could not be measured); Fit Model reports them too. */

    private FeaturesReport() {
    }

    public static Table sweepTable(RecordingFeatures rf) {
        Table t = new Table("PatchPINN Features");
        t.column("sweep");
        FeatureNames.SWEEP.forEach(n -> t.column(FeatureNames.header(n)));
        for (int i = 0; i < rf.sweeps().size(); i++) {
            Table.Row row = t.addRow().set("sweep", rf.sweepIndices().get(i));
            rf.sweeps().get(i).values().forEach((name, value) -> row.set(FeatureNames.header(name), value));
        }
        return t;
    }

    public static Table cellTable(Recording r, RecordingFeatures rf, double inputResistanceLessBridgeMOhm) {
        Table t = new Table("PatchPINN Cell");
        Table.Row row = t.addRow().set("file", r.name()).set("sweeps", rf.sweeps().size())
                .set("stim_start (ms)", rf.window().startMs()).set("stim_end (ms)", rf.window().endMs());
        rf.cell().values().forEach((name, value) -> row.set(FeatureNames.header(name), value));
        // the raw input resistance less the measured bridge error: the figure a fit's report compares with
        row.set("input_resistance_less_bridge (MOhm)", inputResistanceLessBridgeMOhm);
        return t;
    }

    /** result.json of Summary Statistics: settings, stimulus window, units, per-sweep features and spikes, cell,
     * F–I curve and artefacts. */
    public static JsonObject json(Recording r, RecordingFeatures rf, SpikeDetectionSettings s,
                                  RecordingArtefacts artefacts) {
        JsonObject o = new JsonObject();
        o.addProperty("file", r.source() == null ? r.name() : r.source().toString());
        JsonObject settings = new JsonObject();
        settings.add("dvdt_threshold_V_per_s", Json.number(s.dvdtThresholdVPerS()));
        settings.add("min_peak_mV", Json.number(s.minPeakMv()));
        settings.add("threshold_fraction", Json.number(s.thresholdFraction()));
        settings.add("interp_step_ms", Json.number(SweepFeatureExtractor.EFEL_INTERP_STEP_MS));
        o.add("settings", settings);
        JsonObject window = new JsonObject();
        window.add("start_ms", Json.number(rf.window().startMs()));
        window.add("end_ms", Json.number(rf.window().endMs()));
        window.addProperty("from_command", rf.windowFromCommand());
        o.add("stimulus_window", window);
        JsonObject units = new JsonObject();
        FeatureNames.SWEEP.forEach(n -> units.addProperty(n, FeatureNames.unitOf(n)));
        FeatureNames.CELL.forEach(n -> units.addProperty("cell." + n, FeatureNames.unitOf(n)));
        o.add("units", units);
        JsonArray sweeps = new JsonArray();
        for (int i = 0; i < rf.sweeps().size(); i++) {
            SweepFeatures f = rf.sweeps().get(i);
            JsonObject sw = new JsonObject();
            sw.addProperty("sweep", rf.sweepIndices().get(i));
            sw.add("stimulus_pA", Json.number(rf.stimulusPa()[i]));
            JsonObject values = new JsonObject();
            f.values().forEach((k, v) -> values.add(k, Json.number(v)));
            sw.add("features", values);
            JsonObject arrays = new JsonObject();
            for (String name : f.arrayNames()) {
                JsonArray a = new JsonArray();
                for (double d : f.array(name)) {
                    a.add(Json.number(d));
                }
                arrays.add(name, a);
            }
            sw.add("per_spike", arrays);
            JsonArray spikes = new JsonArray();
            for (Spike sp : f.spikes()) {
                JsonObject js = new JsonObject();
                js.add("threshold_time_ms", Json.number(sp.thresholdTimeMs()));
                js.add("peak_time_ms", Json.number(sp.peakTimeMs()));
                js.add("trough_time_ms", Json.number(sp.troughTimeMs()));
                js.add("threshold_mV", Json.number(sp.thresholdMv()));
                js.add("peak_mV", Json.number(sp.peakMv()));
                js.add("ahp_mV", Json.number(sp.ahpMv()));
                js.add("half_width_ms", Json.number(sp.halfWidthMs()));
                js.add("amplitude_mV", Json.number(sp.amplitudeMv()));
                js.add("max_upstroke_V_per_s", Json.number(sp.maxUpstrokeVPerS()));
                js.addProperty("in_stimulus", f.window().contains(sp.peakTimeMs()));
                spikes.add(js);
            }
            sw.add("spikes", spikes);
            sweeps.add(sw);
        }
        o.add("sweeps", sweeps);
        JsonObject cell = new JsonObject();
        rf.cell().values().forEach((k, v) -> cell.add(k, Json.number(v)));
        cell.addProperty("passive_source", rf.cell().passiveSource());
        o.add("cell", cell);
        JsonArray fi = new JsonArray();
        for (CellFeatures.FiPoint p : rf.cell().fiCurve()) {
            JsonObject jp = new JsonObject();
            jp.addProperty("sweep", rf.sweepIndices().get(p.sweep()));
            jp.add("current_pA", Json.number(p.currentPa()));
            jp.addProperty("spikes", p.spikes());
            jp.add("rate_Hz", Json.number(p.rateHz()));
            fi.add(jp);
        }
        o.add("fi_curve", fi);
        o.add("artefacts", artefacts == null ? JsonNull.INSTANCE : artefacts(artefacts));
        return o;
    }

    /** {bridge_MOhm, max_abs_drift_mV, max_hum_mV, blocked_sweeps, unresponsive_sweeps, warnings, sweeps: [...]}. */
    public static JsonObject artefacts(RecordingArtefacts a) {
        JsonObject o = new JsonObject();
        o.add("bridge_MOhm", Json.number(a.bridgeMohm()));
        o.add("max_abs_drift_mV", Json.number(a.maxAbsDriftMv()));
        o.add("max_hum_mV", Json.number(a.maxHumMv()));
        o.add("blocked_sweeps", Json.toTree(a.blockedSweeps()));
        o.add("unresponsive_sweeps", Json.toTree(a.unresponsiveSweeps()));
        o.add("warnings", Json.strings(a.warnings()));
        JsonArray sweeps = new JsonArray();
        for (SweepArtefacts s : a.sweeps()) {
            JsonObject js = new JsonObject();
            js.addProperty("sweep", s.sweep());
            js.add("bridge_MOhm", Json.number(s.bridgeMohm()));
            js.add("drift_mV", Json.number(s.driftMv()));
            js.add("hum_mV", Json.number(s.humMv()));
            js.addProperty("depolarisation_block", s.depolarisationBlock());
            js.addProperty("no_response", s.noResponse());
            js.add("notes", Json.strings(s.notes()));
            sweeps.add(js);
        }
        o.add("sweeps", sweeps);
        return o;
    }
}
