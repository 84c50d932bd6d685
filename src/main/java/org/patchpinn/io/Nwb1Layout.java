package org.patchpinn.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where an NWB 1 file keeps its sweeps as the Allen Institute's pipeline wrote them (the Allen Cell Types Database's
 * {@code ephys.nwb}), and how their attributes read; the layout is AllenSDK's {@code NwbDataSet}
 * ({@code allensdk/core/nwb_data_set.py}) and ipfx's {@code NwbPipelineReader} ({@code ipfx/nwb_reader.py}). Sweep
 * {@code n} is the response {@code /acquisition/timeseries/Sweep_n} and the stimulus
 * {@code /stimulus/presentation/Sweep_n}: NWB 1 TimeSeries whose class is the last entry of their {@code ancestry}
 * attribute and whose protocol is their {@code aibs_stimulus_name} dataset. They are listed as
 * {@link NwbReader.Series}, so that stimulus sets, the default set, {@code --series} and the size checks are NWB 2's.
 */
final class Nwb1Layout {
    private static final Pattern SWEEP = Pattern.compile("Sweep_(\\d{1,9})");
    private static final Set<String> RESPONSE_TYPES =
            Set.of("CurrentClampSeries", "VoltageClampSeries", "IZeroClampSeries");
    private static final Set<String> STIMULUS_TYPES = Set.of("CurrentClampStimulusSeries", "VoltageClampStimulusSeries");
    /** Per-sweep values kept in the recording's metadata, where a sweep has them (AllenSDK's get_sweep_metadata). */
    private static final List<String> SWEEP_FIELDS =
            List.of("aibs_stimulus_name", "aibs_stimulus_amplitude_pa", "aibs_stimulus_amplitude_mv");

    private final Path file;
    private final HdfFile hdf;
    private final long fileSize;
    private final String pipelineVersion;
    private final boolean converted;
    private final Set<Double> ignoredConversions = new TreeSet<>();
    /** Sweeps whose Experiment epoch ends before their samples do: sweep number → "end of length" (s). */
    private final Map<Integer, String> stoppedEarly = new TreeMap<>();

    Nwb1Layout(Path file, HdfFile hdf, long fileSize) {
        this.file = file;
        this.hdf = hdf;
        this.fileSize = fileSize;
        this.pipelineVersion = pipelineVersion();
        this.converted = appliesConversion(pipelineVersion);
    }

    /** The responses, one per {@code Sweep_n} group; any other series is refused, not skipped unseen. */
    List<NwbReader.Series> responses(Group timeseries) {
        List<NwbReader.Series> out = new ArrayList<>();
        for (Node n : timeseries.getChildren().values()) {
            Matcher m = SWEEP.matcher(n.getName());
            if (!(n instanceof Group g) || !m.matches()) {
                throw new RecordingFormatException(file, "an NWB 1 file whose /acquisition/timeseries holds '"
                        + n.getName() + "': only the Allen Institute's pipeline layout (Sweep_<n>) is read; NWB 1 "
                        + "files of other writers (MIES names its series data_00000_AD0) are not");
            }
            out.add(series(g, Integer.parseInt(m.group(1)), true));
        }
        if (out.isEmpty()) {
            throw new RecordingFormatException(file, "an NWB 1 file without sweeps under /acquisition/timeseries");
        }
        return out;
    }

    /** The stimuli under {@code /stimulus/presentation}, matched to the responses by sweep number. */
    List<NwbReader.Series> stimuli() {
        List<NwbReader.Series> out = new ArrayList<>();
        if (hdf.getChild("stimulus") instanceof Group st && st.getChild("presentation") instanceof Group pres) {
            for (Node n : pres.getChildren().values()) {
                Matcher m = SWEEP.matcher(n.getName());
                if (n instanceof Group g && m.matches()) {
                    out.add(series(g, Integer.parseInt(m.group(1)), false));
                }
            }
        }
        return out;
    }

    /**
     * Said once whatever set is read: conversions the pipeline version says not to apply, and sweeps read only up to
     * the end of their Experiment epoch.
     */
    List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (!converted && !ignoredConversions.isEmpty()) {
            out.add("pipeline version " + (pipelineVersion.isEmpty() ? "0.0 (none in /general/generated_by)"
                    : pipelineVersion) + ": the samples are read as stored, in volts and amperes, and their "
                    + "'conversion' attributes " + ignoredConversions + " are not applied, as AllenSDK reads files "
                    + "before version 1.1");
        }
        if (!stoppedEarly.isEmpty()) {
            out.add("sweeps whose recording stopped before their end (the end of their /epochs/Experiment_<n>) are read "
                    + "up to there, as AllenSDK and ipfx read them, and so form stimulus sets of their own length: "
                    + "sweep " + stoppedEarly.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return out;
    }

    Map<String, String> metadata() {
        return Map.of("aibs_pipeline_version", pipelineVersion.isEmpty() ? "none" : pipelineVersion);
    }

    /**
     * One series of sweep {@code number}. Its type is the last class of its {@code ancestry} (ipfx's NWBConverter
     * reads the clamp mode there); a series without one is typed by its unit (a recorded voltage is current clamp),
     * as ipfx's pipeline reader tells the clamp mode by the stimulus unit.
     */
    private NwbReader.Series series(Group g, int number, boolean response) {
        Set<String> types = response ? RESPONSE_TYPES : STIMULUS_TYPES;
        String type = lastAncestor(g);
        // a response carries its sweep's metadata into the recording's (a stimulus' would not be read)
        Map<String, String> meta = new LinkedHashMap<>();
        if (response) {
            meta.put("sweep_number", Integer.toString(number));
            for (String field : SWEEP_FIELDS) {
                String v = field(g, field);
                if (v.isEmpty()) {
                    v = stimulusField(number, field);
                }
                if (!v.isEmpty()) {
                    meta.put(field, v);
                }
            }
        }
        if (!converted && g.getChild("data") instanceof Dataset d) {
            double c = NwbReader.numberAttr(d, "conversion", 1.0);
            if (c != 1.0) {
                ignoredConversions.add(c);
            }
        }
        NwbReader.Series s = NwbReader.series(file, g, types.contains(type) ? type : "", number,
                description(g, number, response), converted, meta, fileSize);
        int end = experimentEnd(number, s.length());
        if (end < s.length()) {
            stoppedEarly.put(number, String.format(Locale.ROOT, "%.3f s of %.3f s", end / s.rateHz(),
                    s.length() / s.rateHz()));
            s = s.firstSamples(end);
        }
        if (types.contains(type)) {
            return s;
        }
        boolean voltage = s.unit().equals("mV");
        return s.withType(response ? (voltage ? "CurrentClampSeries" : "VoltageClampSeries")
                : (voltage ? "VoltageClampStimulusSeries" : "CurrentClampStimulusSeries"));
    }

    /**
     * Where sweep {@code number}'s valid samples end: the end of its {@code /epochs/Experiment_<n>} (idx_start + count
     * of its stimulus), {@code length} where it has none. AllenSDK's NwbDataSet.get_sweep: the experiment "excludes
     * any erroneous response data at the end of the sweep (usually for ramp sweeps, where recording was terminated
     * mid-stimulus)"; read whole, such a sweep's unrecorded tail would be fitted as a cell sitting at 0 mV. The
     * epoch's start (after the test pulse) is not cut: AllenSDK returns the test pulse too.
     */
    private int experimentEnd(int number, int length) {
        String where = "/epochs/Experiment_" + number + "/stimulus";
        if (!(hdf.getChild("epochs") instanceof Group epochs
                && epochs.getChild("Experiment_" + number) instanceof Group experiment
                && experiment.getChild("stimulus") instanceof Group stimulus)) {
            return length;
        }
        long start = index(stimulus, "idx_start");
        long count = index(stimulus, "count");
        long end = start + count;
        if (start < 0 || count <= 0 || end > length) {
            throw new RecordingFormatException(file, String.format(Locale.ROOT, "%s: idx_start %d and count %d are "
                    + "not a range of sweep %d's %d samples", where, start, count, number, length));
        }
        return (int) end;
    }

    /** A sample index stored in {@code g}'s one-element dataset {@code name}; refused where missing or not whole. */
    private long index(Group g, String name) {
        String where = NwbReader.where(g) + "/" + name;
        if (!(g.getChild(name) instanceof Dataset)) {
            throw new RecordingFormatException(file, where + ": missing");
        }
        double v = NwbReader.scalarNumber(file, fileSize, g, name);
        if (v != Math.rint(v)) {
            throw new RecordingFormatException(file, where + ": " + v + " is not a sample index");
        }
        return (long) v;
    }

    /** AllenSDK reads a sweep's stimulus name and amplitude from its stimulus series; the response may lack them. */
    private String stimulusField(int number, String field) {
        if (hdf.getChild("stimulus") instanceof Group st && st.getChild("presentation") instanceof Group pres
                && pres.getChild("Sweep_" + number) instanceof Group g) {
            return field(g, field);
        }
        return "";
    }

    private String field(Group g, String name) {
        return name.startsWith("aibs_stimulus_amplitude") ? number(g, name) : text(g, name);
    }

    /**
     * ipfx's get_stim_code: the stimulus name (a response without one takes its stimulus', where AllenSDK reads it),
     * else the stimulus description without MIES's "_DA_0".
     */
    private String description(Group g, int number, boolean response) {
        String name = text(g, "aibs_stimulus_name");
        if (name.isEmpty() && response) {
            name = stimulusField(number, "aibs_stimulus_name");
        }
        if (!name.isEmpty()) {
            return name;
        }
        for (String field : List.of("aibs_stimulus_description", "stimulus_description")) {
            String v = text(g, field);
            if (!v.isEmpty()) {
                return v.endsWith("_DA_0") ? v.substring(0, v.length() - 5) : v;
            }
        }
        return "";
    }

    /** NWB 1 keeps a series' fields as datasets; an attribute of that name is read where there is none. */
    private String text(Group g, String name) {
        String v = NwbReader.scalarString(file, fileSize, g, name);
        return (v.isEmpty() ? NwbReader.stringAttr(g, name) : v).strip();
    }

    private String number(Group g, String name) {
        double v = g.getChild(name) instanceof Dataset ? NwbReader.scalarNumber(file, fileSize, g, name)
                : NwbReader.numberAttr(g, name, Double.NaN);
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : "";
    }

    private static String lastAncestor(Group g) {
        Attribute a = g.getAttribute("ancestry");
        if (a == null || !NwbReader.small(a)) {
            return "";
        }
        Object v = a.getData();
        if (v instanceof String[] classes && classes.length > 0) {
            return classes[classes.length - 1];
        }
        return v instanceof String s ? s : "";
    }

    /**
     * AllenSDK's get_pipeline_version: the value after "version" in {@code /general/generated_by}, a flat list of
     * keys and values; "" where there is none (AllenSDK's 0.0). A version that is not "major.minor" is refused: on
     * it AllenSDK fails or falls back to 0.0, and 0.0 would read the samples 1000-fold or 10¹²-fold off if wrong.
     */
    private String pipelineVersion() {
        if (!(hdf.getChild("general") instanceof Group general
                && general.getChild("generated_by") instanceof Dataset d)) {
            return "";
        }
        NwbReader.checkSize(file, "/general/generated_by", d, fileSize, 1024);
        if (!(d.getData() instanceof String[] info)) {
            return "";
        }
        for (int i = 0; i + 1 < info.length; i++) {
            if ("version".equals(info[i])) {
                String v = info[i + 1].strip();
                if (!v.matches("\\d{1,6}\\.\\d{1,6}(\\..*)?")) {
                    throw new RecordingFormatException(file, "/general/generated_by: pipeline version '" + v
                            + "' is not major.minor; whether its 'conversion' attributes hold is not guessed");
                }
                return v;
            }
        }
        return "";
    }

    /**
     * Files of pipeline versions before 1.1 stored their samples in volts and amperes already and a wrong
     * {@code conversion} beside them; AllenSDK and ipfx apply the conversion from version 1.1 on only, and so does
     * this reader.
     */
    private static boolean appliesConversion(String version) {
        if (version.isEmpty()) {
            return false;
        }
        String[] t = version.split("\\.");
        int major = Integer.parseInt(t[0]);
        int minor = Integer.parseInt(t[1]);
        return major > 1 || (major == 1 && minor > 0);
    }
}
