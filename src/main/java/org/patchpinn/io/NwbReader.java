package org.patchpinn.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import org.patchpinn.PatchPinnException;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;
import org.patchpinn.trace.Units;

/**
 * NWB 2 intracellular recordings (HDF5, read with jHDF). Every {@code CurrentClampSeries},
 * {@code VoltageClampSeries} or {@code IZeroClampSeries} under {@code /acquisition} is one trace; its
 * values are {@code data × conversion + offset} in the SI unit of its {@code unit} attribute, given here in
 * mV or pA; its rate is the {@code rate} of {@code starting_time}. Series are grouped into sweeps by
 * {@code sweep_number} (or, without it, by {@code starting_time}), one channel per electrode. The stimulus
 * series under {@code /stimulus/presentation} become the command, matched to a sweep the same way.
 */
public final class NwbReader implements RecordingReader {
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final Set<String> RESPONSE_TYPES =
            Set.of("CurrentClampSeries", "VoltageClampSeries", "IZeroClampSeries", "PatchClampSeries");
    private static final Set<String> STIMULUS_TYPES =
            Set.of("CurrentClampStimulusSeries", "VoltageClampStimulusSeries", "PatchClampSeries");
    /** Deflate expands at most 1032-fold; no HDF5 filter jHDF reads expands more than this. */
    private static final long MAX_EXPANSION = 1100;

    /** One series read from the file. */
    private record Series(String name, String type, String electrode, double sweepKey, boolean bySweepNumber,
                          double rateHz, double startS, String unit, float[] values, String description) {
    }

    @Override
    public String format() {
        return "NWB";
    }

    @Override
    public boolean accepts(Path file, byte[] head) {
        if (head.length < HDF5_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < HDF5_MAGIC.length; i++) {
            if (head[i] != HDF5_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Recording read(Path file, Progress progress) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new RecordingFormatException(file, "cannot read: " + e.getMessage(), e);
        }
        try (HdfFile hdf = new HdfFile(file)) {
            return read(file, hdf, size, progress);
        } catch (PatchPinnException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            // jHDF reports damaged files with many exception types; all mean the same to a user.
            throw new RecordingFormatException(file, "not a readable HDF5/NWB file (damaged or truncated?): " + e, e);
        }
    }

    private Recording read(Path file, HdfFile hdf, long fileSize, Progress progress) {
        Node acq = hdf.getChild("acquisition");
        if (!(acq instanceof Group acquisition)) {
            throw new RecordingFormatException(file, "HDF5 file without /acquisition: not an NWB 2 recording");
        }
        List<Series> responses = new ArrayList<>();
        SampleBudget budget = new SampleBudget(ReadLimits.maxSamples());
        for (Node n : acquisition.getChildren().values()) {
            String type = stringAttr(n, "neurodata_type");
            if (n instanceof Group g && RESPONSE_TYPES.contains(type)) {
                progress.checkCancelled();
                responses.add(series(file, g, type, fileSize, budget));
            }
        }
        if (responses.isEmpty()) {
            throw new RecordingFormatException(file, "no intracellular series (CurrentClampSeries, "
                    + "VoltageClampSeries) under /acquisition");
        }
        List<Series> stimuli = new ArrayList<>();
        if (hdf.getChild("stimulus") instanceof Group stim && stim.getChild("presentation") instanceof Group pres) {
            for (Node n : pres.getChildren().values()) {
                String type = stringAttr(n, "neurodata_type");
                if (n instanceof Group g && STIMULUS_TYPES.contains(type)) {
                    stimuli.add(series(file, g, type, fileSize, budget));
                }
            }
        }
        boolean bySweepNumber = responses.stream().allMatch(Series::bySweepNumber);
        Map<Double, List<Series>> sweeps = new TreeMap<>();
        for (Series s : responses) {
            sweeps.computeIfAbsent(key(s, bySweepNumber), k -> new ArrayList<>()).add(s);
        }
        List<String> electrodes = sweeps.values().iterator().next().stream()
                .sorted(Comparator.comparing(Series::electrode)).map(Series::electrode).toList();
        double rate = responses.get(0).rateHz();
        Map<Double, Series> stimulusBySweep = new LinkedHashMap<>();
        boolean stimBySweepNumber = bySweepNumber && stimuli.stream().allMatch(Series::bySweepNumber);
        for (Series s : stimuli) {
            if (stimBySweepNumber || !bySweepNumber) {
                stimulusBySweep.putIfAbsent(key(s, bySweepNumber), s);
            }
        }

        Recording.Builder b = Recording.builder().source(file).format("NWB", stringAttrOrEmpty(hdf, "nwb_version"))
                .sampleRateHz(rate);
        List<Series> first = sorted(sweeps.values().iterator().next());
        for (Series s : first) {
            b.channel(s.electrode().isEmpty() ? s.type() : s.electrode(), s.unit());
        }
        String commandUnit = null;
        List<String> missing = new ArrayList<>();
        List<Sweep> built = new ArrayList<>();
        List<Series> commands = new ArrayList<>();
        for (Map.Entry<Double, List<Series>> e : sweeps.entrySet()) {
            List<Series> group = sorted(e.getValue());
            List<String> names = group.stream().map(Series::electrode).sorted().toList();
            if (!names.equals(electrodes)) {
                throw new RecordingFormatException(file, "sweep " + describeKey(e.getKey(), bySweepNumber)
                        + " has electrodes " + names + " but the first sweep has " + electrodes);
            }
            List<Trace> traces = new ArrayList<>();
            for (int c = 0; c < group.size(); c++) {
                Series s = group.get(c);
                if (Math.abs(s.rateHz() - rate) > 1e-9 * rate) {
                    throw new RecordingFormatException(file, "series " + s.name() + " is sampled at " + s.rateHz()
                            + " Hz, others at " + rate + " Hz; one recording needs one rate");
                }
                if (s.values().length != first.get(0).values().length) {
                    throw new RecordingFormatException(file, "series " + s.name() + " holds " + s.values().length
                            + " samples, series " + first.get(0).name() + " " + first.get(0).values().length
                            + "; the sweeps of one recording have one length");
                }
                if (!s.unit().equals(first.get(c).unit())) {
                    throw new RecordingFormatException(file, "series " + s.name() + " is in " + s.unit()
                            + " but its channel in the first sweep is in " + first.get(c).unit());
                }
                traces.add(Trace.wrap(s.values()));
            }
            Series stim = stimulusBySweep.get(e.getKey());
            commands.add(stim);
            if (stim == null) {
                missing.add(describeKey(e.getKey(), bySweepNumber));
            } else if (stim.values().length != group.get(0).values().length) {
                missing.add(describeKey(e.getKey(), bySweepNumber) + " (stimulus " + stim.values().length
                        + " samples, response " + group.get(0).values().length + ")");
            } else if (Math.abs(stim.rateHz() - rate) > 1e-9 * rate) {
                missing.add(describeKey(e.getKey(), bySweepNumber) + " (stimulus at " + stim.rateHz() + " Hz)");
            } else if (commandUnit == null) {
                commandUnit = stim.unit();
            } else if (!commandUnit.equals(stim.unit())) {
                missing.add(describeKey(e.getKey(), bySweepNumber) + " (stimulus in " + stim.unit() + ")");
            }
            built.add(new Sweep(traces, null));
        }
        boolean withCommand = missing.isEmpty() && commandUnit != null;
        if (!stimuli.isEmpty() && !withCommand) {
            b.warning("stimulus series do not match every sweep (" + String.join(", ", missing)
                    + "); the recording has no command waveform");
        }
        for (int k = 0; k < built.size(); k++) {
            Sweep s = built.get(k);
            b.sweep(withCommand ? new Sweep(s.channels(), Trace.wrap(commands.get(k).values())) : s);
        }
        if (withCommand) {
            b.commandUnit(commandUnit);
        }
        b.protocol(responses.get(0).description());
        b.startTime(scalarString(file, fileSize, hdf, "session_start_time"));
        String session = scalarString(file, fileSize, hdf, "session_description");
        if (!session.isEmpty()) {
            b.metadata("session_description", session);
        }
        String id = scalarString(file, fileSize, hdf, "identifier");
        if (!id.isEmpty()) {
            b.metadata("identifier", id);
        }
        StringBuilder starts = new StringBuilder();
        for (List<Series> g : sweeps.values()) {
            starts.append(starts.length() == 0 ? "" : ",").append(g.get(0).startS());
        }
        b.metadata("sweepStartTimesS", starts.toString());
        return b.build();
    }

    private static List<Series> sorted(List<Series> group) {
        return group.stream().sorted(Comparator.comparing(Series::electrode)).toList();
    }

    private static double key(Series s, boolean bySweepNumber) {
        return bySweepNumber ? s.sweepKey() : s.startS();
    }

    private static String describeKey(double key, boolean bySweepNumber) {
        return bySweepNumber ? "number " + (long) key : "starting at " + key + " s";
    }

    private Series series(Path file, Group g, String type, long fileSize, SampleBudget budget) {
        String where = g.getPath().endsWith("/") ? g.getPath().substring(0, g.getPath().length() - 1) : g.getPath();
        if (!(g.getChild("data") instanceof Dataset data)) {
            throw new RecordingFormatException(file, where + ": no 'data' dataset");
        }
        int[] dims = data.getDimensions();
        if (dims.length != 1) {
            throw new RecordingFormatException(file, where + "/data: expected one dimension, found "
                    + Arrays.toString(dims));
        }
        long samples = checkSize(file, where + "/data", data, fileSize, budget.remaining());
        budget.use(samples);
        String unit = stringAttr(data, "unit");
        double conversion = numberAttr(data, "conversion", 1.0);
        double offset = numberAttr(data, "offset", 0.0);
        double scale;
        String working;
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "volts", "volt", "v" -> { scale = 1e3; working = "mV"; }
            case "amperes", "ampere", "amps", "a" -> { scale = 1e12; working = "pA"; }
            default -> {
                double mv = Units.toMillivolts(unit);
                double pa = Units.toPicoamperes(unit);
                if (!Double.isNaN(mv)) { scale = mv; working = "mV"; }
                else if (!Double.isNaN(pa)) { scale = pa; working = "pA"; }
                else {
                    throw new RecordingFormatException(file, where + "/data: unit '" + unit
                            + "' is neither a voltage nor a current");
                }
            }
        }
        float[] values = toFloats(data.getData(), conversion, offset, scale, file, where);
        double rate;
        double start = 0;
        if (g.getChild("starting_time") instanceof Dataset st) {
            checkSize(file, where + "/starting_time", st, fileSize, 1);
            start = toDouble(st.getData());
            rate = numberAttr(st, "rate", Double.NaN);
        } else if (g.getChild("timestamps") instanceof Dataset ts
                && checkSize(file, where + "/timestamps", ts, fileSize, Math.max(samples, 2)) >= 0
                && ts.getData() instanceof double[] t) {
            start = t.length > 0 ? t[0] : 0;
            rate = evenRate(file, where, t);
        } else {
            throw new RecordingFormatException(file, where + ": neither starting_time with a rate nor timestamps");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new RecordingFormatException(file, where + "/starting_time: rate " + rate + " is not a sample rate");
        }
        double sweepNumber = Double.NaN;
        if (g.getChild("sweep_number") instanceof Dataset sn) {
            checkSize(file, where + "/sweep_number", sn, fileSize, 1);
            sweepNumber = toDouble(sn.getData());
        }
        String electrode = "";
        if (g.getChild("electrode") instanceof Link link && !link.isBrokenLink()) {
            electrode = link.getTarget().getName();
        }
        return new Series(g.getName(), type, electrode, sweepNumber, !Double.isNaN(sweepNumber), rate, start,
                working, values, stringAttr(g, "stimulus_description"));
    }

    /** The rate of evenly spaced timestamps (s); uneven ones are refused, as in the text readers. */
    private static double evenRate(Path file, String where, double[] t) {
        if (t.length < 2) {
            throw new RecordingFormatException(file, where + "/timestamps: fewer than two samples");
        }
        double dt = (t[t.length - 1] - t[0]) / (t.length - 1);
        for (int i = 1; i < t.length; i++) {
            if (!(Math.abs(t[i] - t[i - 1] - dt) <= 0.05 * dt)) {
                throw new RecordingFormatException(file, where + "/timestamps: not evenly spaced at sample " + i);
            }
        }
        return 1.0 / dt;
    }

    /**
     * The element count of {@code d}, checked against the file before a byte of it is read: at most
     * {@code maxElements}, no more bytes than the file holds when stored uncompressed (chunked datasets whose
     * chunks are missing would be filled in), no more than deflate's largest expansion of its stored bytes
     * when compressed, and room on the heap for jHDF's buffer, its array and our copy.
     */
    static long checkSize(Path file, String field, Dataset d, long fileSize, long maxElements) {
        long elements = 1;
        for (int n : d.getDimensions()) {
            if (n < 0 || (n > 0 && elements > Long.MAX_VALUE / n)) {
                throw new RecordingFormatException(file, field + ": impossible dimensions "
                        + Arrays.toString(d.getDimensions()));
            }
            elements *= n;
        }
        if (elements > maxElements) {
            throw new RecordingFormatException(file, field + ": declares " + elements + " elements "
                    + Arrays.toString(d.getDimensions()) + ", at most " + maxElements + " expected");
        }
        int elementBytes = Math.max(1, d.getDataType().getSize());
        long bytes = elements * elementBytes;
        if (elements > Long.MAX_VALUE / elementBytes) {
            throw new RecordingFormatException(file, field + ": declares " + elements + " elements of "
                    + elementBytes + " bytes");
        }
        if (d.getFilters().isEmpty()) {
            if (bytes > fileSize) {
                throw new RecordingFormatException(file, field + ": declares " + bytes + " bytes in a file of "
                        + fileSize + " (truncated or damaged)");
            }
        } else {
            long stored = d.getStorageInBytes();
            if (bytes > MAX_EXPANSION * Math.max(stored, 1)) {
                throw new RecordingFormatException(file, field + ": " + stored + " compressed bytes declare "
                        + bytes + " bytes, more than any HDF5 filter expands (" + MAX_EXPANSION + "×)");
            }
        }
        ReadLimits.require(file, field, elements, 3 * bytes);
        return elements;
    }

    /** Attributes hold names, units and scalars: a large one is damage, and is not read. */
    private static boolean small(Attribute a) {
        return a.getSize() <= 4096 && a.getSizeInBytes() <= 1 << 20;
    }

    /** Samples still allowed in this file under {@link ReadLimits#maxSamples()}. */
    private static final class SampleBudget {
        private long left;

        SampleBudget(long max) {
            left = max;
        }

        long remaining() {
            return left;
        }

        void use(long samples) {
            left -= samples;
        }
    }

    private static float[] toFloats(Object data, double conversion, double offset, double scale, Path file,
                                    String where) {
        if (data == null || !data.getClass().isArray() || data.getClass().getComponentType().isArray()) {
            throw new RecordingFormatException(file, where + "/data: not a one-dimensional numeric array");
        }
        // one conversion, whatever the stored element type
        IntToDoubleFunction raw;
        if (data instanceof float[] f) {
            raw = i -> f[i];
        } else if (data instanceof double[] d) {
            raw = i -> d[i];
        } else if (data instanceof short[] s) {
            raw = i -> s[i];
        } else if (data instanceof int[] s) {
            raw = i -> s[i];
        } else if (data instanceof long[] s) {
            raw = i -> s[i];
        } else if (data instanceof byte[] s) {
            raw = i -> s[i];
        } else {
            throw new RecordingFormatException(file, where + "/data: unsupported element type "
                    + data.getClass().getComponentType());
        }
        float[] out = new float[Array.getLength(data)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((raw.applyAsDouble(i) * conversion + offset) * scale);
        }
        return out;
    }

    private static double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1 && Array.get(v, 0) instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN;
    }

    private static double numberAttr(Node n, String name, double fallback) {
        Attribute a = n.getAttribute(name);
        if (a == null || !small(a)) {
            return fallback;
        }
        double d = toDouble(a.getData());
        return Double.isNaN(d) ? fallback : d;
    }

    private static String stringAttr(Node n, String name) {
        Attribute a = n.getAttributes().get(name);
        if (a == null || !small(a)) {
            return "";
        }
        Object v = a.getData();
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
            v = Array.get(v, 0);
        }
        return v == null ? "" : v.toString();
    }

    private static String stringAttrOrEmpty(HdfFile hdf, String name) {
        return stringAttr(hdf, name);
    }

    private static String scalarString(Path file, long fileSize, Group g, String name) {
        if (g.getChild(name) instanceof Dataset d) {
            checkSize(file, "/" + name, d, fileSize, 1024);
            Object v = d.getData();
            if (v != null && v.getClass().isArray() && Array.getLength(v) >= 1) {
                v = Array.get(v, 0);
            }
            return v == null ? "" : v.toString();
        }
        return "";
    }
}
