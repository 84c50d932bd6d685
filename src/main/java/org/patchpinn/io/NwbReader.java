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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.function.IntToDoubleFunction;
import org.patchpinn.PatchPinnException;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;
import org.patchpinn.trace.Units;

/**
 * NWB intracellular recordings (HDF5, read with jHDF). In NWB 2 every {@code CurrentClampSeries},
 * {@code VoltageClampSeries} or {@code IZeroClampSeries} under {@code /acquisition} is one trace; its
 * values are {@code data × conversion + offset} in the SI unit of its {@code unit} attribute, given here in
 * mV or pA; its rate is the {@code rate} of {@code starting_time}. Series are grouped into sweeps by
 * {@code sweep_number} (or, without it, by {@code starting_time}), one channel per electrode. The stimulus
 * series under {@code /stimulus/presentation} become the command, matched to a sweep the same way. NWB 1 files
 * as the Allen Institute's pipeline wrote them differ only in where the series lie and how they are described
 * ({@link Nwb1Layout}); everything after the listing is shared. A file whose responses differ in clamp mode,
 * length or rate is read one stimulus set at a time ({@link NwbStimulusSets}).
 */
public final class NwbReader implements RecordingReader {
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final Set<String> RESPONSE_TYPES =
            Set.of("CurrentClampSeries", "VoltageClampSeries", "IZeroClampSeries", "PatchClampSeries");
    private static final Set<String> STIMULUS_TYPES =
            Set.of("CurrentClampStimulusSeries", "VoltageClampStimulusSeries", "PatchClampSeries");
    /** Deflate expands at most 1032-fold; no HDF5 filter jHDF reads expands more than this. */
    private static final long MAX_EXPANSION = 1100;

    /**
     * One series of the file as listed before its samples are read ({@link #values} reads them): an NWB file can
     * hold far more than the one stimulus set that is read ({@link NwbStimulusSets}).
     */
    record Series(String name, String type, String electrode, double sweepKey, boolean bySweepNumber,
                  double rateHz, double startS, String unit, String description, Dataset data, int length,
                  double conversion, double offset, double scale, String where, Map<String, String> metadata) {
        /** The samples in mV or pA (the first {@code length}), counted against the file's sample budget. */
        float[] values(Path file, SampleBudget budget) {
            budget.require(file, where + "/data", length);
            float[] v = toFloats(data.getData(), conversion, offset, scale, file, where);
            return v.length > length ? Arrays.copyOf(v, length) : v;
        }

        /** This series' first {@code n} samples only (an NWB 1 sweep whose recording stopped early). */
        Series firstSamples(int n) {
            return new Series(name, type, electrode, sweepKey, bySweepNumber, rateHz, startS, unit, description, data,
                    n, conversion, offset, scale, where, metadata);
        }

        /** This series as another type (an NWB 1 series whose clamp mode is known only from its unit). */
        Series withType(String t) {
            return new Series(name, t, electrode, sweepKey, bySweepNumber, rateHz, startS, unit, description, data,
                    length, conversion, offset, scale, where, metadata);
        }
    }

    /** What a unit's samples are multiplied by to give them in {@code unit} (mV or pA). */
    record Scale(double factor, String unit) {
        /** The scale of an NWB {@code unit} attribute, or null where it is neither a voltage nor a current. */
        static Scale of(String unit) {
            switch (unit.toLowerCase(Locale.ROOT)) {
                case "volts", "volt", "v" -> {
                    return new Scale(1e3, "mV");
                }
                case "amperes", "ampere", "amps", "a" -> {
                    return new Scale(1e12, "pA");
                }
                default -> {
                    double mv = Units.toMillivolts(unit);
                    double pa = Units.toPicoamperes(unit);
                    return !Double.isNaN(mv) ? new Scale(mv, "mV") : !Double.isNaN(pa) ? new Scale(pa, "pA") : null;
                }
            }
        }
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
        return read(file, "", progress);
    }

    /**
     * Reads the whole file as one recording where its responses share one clamp mode, length and rate; else one of
     * its stimulus sets ({@link NwbStimulusSets}): {@code series} names it by number or stimulus description, ""
     * reads the default one, with a warning naming it and the others.
     */
    @Override
    public Recording read(Path file, String series, Progress progress) {
        return withFile(file, (hdf, size) -> read(file, hdf, size, series == null ? "" : series.strip(), progress));
    }

    /** The stimulus sets of a file whose sweeps are not one recording; empty where the whole file is one. */
    @Override
    public List<SeriesEntry> series(Path file) {
        return withFile(file, (hdf, size) -> {
            Listing l = listing(file, hdf, size);
            if (NwbStimulusSets.uniform(l.responses())) {
                return List.of();
            }
            List<NwbStimulusSets.StimulusSet> sets = NwbStimulusSets.of(l.responses());
            List<NwbStimulusSets.StimulusSet> def = NwbStimulusSets.choose(file, sets, "", l::sweeps,
                    l.stepsMs(file));
            List<SeriesEntry> out = new ArrayList<>();
            for (NwbStimulusSets.StimulusSet set : sets) {
                List<String> traces = sorted(set.responses()).stream().map(Series::electrode).distinct()
                        .map(e -> (e.isEmpty() ? set.mode() : e) + " (" + set.responses().get(0).unit() + ")")
                        .toList();
                out.add(new SeriesEntry(Integer.toString(set.number()), "", set.description(),
                        (int) l.sweeps(set), traces, set.mode(), set.description(),
                        l.commandOf(set) ? "recorded" : "no stimulus series", def.contains(set)));
            }
            return out;
        });
    }

    private interface FileTask<T> {
        T run(HdfFile hdf, long size);
    }

    private static <T> T withFile(Path file, FileTask<T> task) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new RecordingFormatException(file, "cannot read: " + e.getMessage(), e);
        }
        try (HdfFile hdf = new HdfFile(file)) {
            return task.run(hdf, size);
        } catch (PatchPinnException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            // jHDF reports damaged files with many exception types; all mean the same to a user.
            throw new RecordingFormatException(file, "not a readable HDF5/NWB file (damaged or truncated?): " + e, e);
        }
    }

    /**
     * Every response and stimulus series of a file, listed (no samples read): responses in recording order, whether
     * they are grouped by sweep number (else start time), the stimulus of each sweep key, and the budget reading
     * draws on.
     */
    private record Listing(List<Series> responses, List<Series> stimuli, boolean bySweepNumber,
                           Map<Double, Series> stimulusBySweep, SampleBudget budget, List<String> warnings,
                           Map<String, String> metadata) {
        static Listing of(List<Series> responses, List<Series> stimuli) {
            return of(responses, stimuli, List.of(), Map.of());
        }

        /** {@code warnings} and {@code metadata} are the file's, whichever set is read. */
        static Listing of(List<Series> responses, List<Series> stimuli, List<String> warnings,
                          Map<String, String> metadata) {
            boolean bySweepNumber = responses.stream().allMatch(Series::bySweepNumber);
            // in recording order, so that stimulus sets are numbered as they were run
            List<Series> ordered = responses.stream()
                    .sorted(Comparator.comparingDouble(x -> NwbReader.key(x, bySweepNumber))).toList();
            // a stimulus is matched to its sweep as the sweeps are grouped (sweep number, else start time)
            boolean stimBySweepNumber = bySweepNumber && stimuli.stream().allMatch(Series::bySweepNumber);
            Map<Double, Series> byKey = new LinkedHashMap<>();
            for (Series st : stimuli) {
                if (stimBySweepNumber || !bySweepNumber) {
                    byKey.putIfAbsent(NwbReader.key(st, bySweepNumber), st);
                }
            }
            return new Listing(ordered, List.copyOf(stimuli), bySweepNumber, byKey,
                    new SampleBudget(ReadLimits.maxSamples()), List.copyOf(warnings), ordered(metadata));
        }

        double key(Series s) {
            return NwbReader.key(s, bySweepNumber);
        }

        /** The number of sweeps of a set (its responses grouped as {@link #read} groups them). */
        double sweeps(NwbStimulusSets.StimulusSet set) {
            return set.responses().stream().map(this::key).distinct().count();
        }

        boolean commandOf(NwbStimulusSets.StimulusSet set) {
            return stimulusBySweep.containsKey(key(set.responses().get(0)));
        }

        /** {@link #stepMs} of each set, each read once (its samples count against the budget). */
        ToDoubleFunction<NwbStimulusSets.StimulusSet> stepsMs(Path file) {
            Map<Integer, Double> done = new HashMap<>();
            return set -> done.computeIfAbsent(set.number(), k -> stepMs(file, set));
        }

        /**
         * The longest step among the set's stimuli (ms; {@link NwbStimulusSets#longestFlatMs}), read sweep by sweep
         * until one reaches {@link NwbStimulusSets#MIN_STEP_MS} (its first sweep may be a 0 pA step); 0 without any.
         */
        double stepMs(Path file, NwbStimulusSets.StimulusSet set) {
            double longest = 0;
            for (Series r : set.responses()) {
                Series stim = stimulusBySweep.get(key(r));
                if (stim != null) {
                    longest = Math.max(longest, NwbStimulusSets.longestFlatMs(stim.values(file, budget),
                            stim.rateHz()));
                }
                if (longest >= NwbStimulusSets.MIN_STEP_MS) {
                    break;
                }
            }
            return longest;
        }
    }

    private Listing listing(Path file, HdfFile hdf, long fileSize) {
        Node acq = hdf.getChild("acquisition");
        if (!(acq instanceof Group acquisition)) {
            throw new RecordingFormatException(file, "HDF5 file without /acquisition: not an NWB recording");
        }
        List<Series> responses = new ArrayList<>();
        for (Node n : acquisition.getChildren().values()) {
            String type = stringAttr(n, "neurodata_type");
            if (n instanceof Group g && RESPONSE_TYPES.contains(type)) {
                responses.add(series(file, g, type, fileSize));
            }
        }
        if (responses.isEmpty()) {
            // NWB 1 (e.g. the Allen Cell Types Database's ephys.nwb) keeps its series in /acquisition/timeseries
            if (acquisition.getChild("timeseries") instanceof Group timeseries) {
                Nwb1Layout nwb1 = new Nwb1Layout(file, hdf, fileSize);
                return Listing.of(nwb1.responses(timeseries), nwb1.stimuli(), nwb1.warnings(), nwb1.metadata());
            }
            throw new RecordingFormatException(file, "no intracellular series (CurrentClampSeries, "
                    + "VoltageClampSeries) under /acquisition");
        }
        List<Series> stimuli = new ArrayList<>();
        if (hdf.getChild("stimulus") instanceof Group stim && stim.getChild("presentation") instanceof Group pres) {
            for (Node n : pres.getChildren().values()) {
                String type = stringAttr(n, "neurodata_type");
                if (n instanceof Group g && STIMULUS_TYPES.contains(type)) {
                    stimuli.add(series(file, g, type, fileSize));
                }
            }
        }
        return Listing.of(responses, stimuli);
    }

    private Recording read(Path file, HdfFile hdf, long fileSize, String wanted, Progress progress) {
        Listing listing = listing(file, hdf, fileSize);
        SampleBudget budget = listing.budget();
        List<Series> responses = listing.responses();
        String setWarning = null;
        String protocol = null;
        if (!NwbStimulusSets.uniform(responses)) {
            List<NwbStimulusSets.StimulusSet> sets = NwbStimulusSets.of(responses);
            List<NwbStimulusSets.StimulusSet> chosen = NwbStimulusSets.choose(file, sets, wanted, listing::sweeps,
                    listing.stepsMs(file));
            responses = chosen.stream().flatMap(c -> c.responses().stream())
                    .sorted(Comparator.comparingDouble(listing::key)).toList();
            protocol = String.join(" + ", chosen.stream().map(NwbStimulusSets.StimulusSet::description).toList());
            if (wanted.isBlank()) {
                setWarning = "the file holds " + sets.size() + " stimulus sets of different lengths, rates or clamp "
                        + "modes (" + NwbStimulusSets.listing(sets, listing::sweeps) + "); read "
                        + (chosen.size() == 1 ? "set " : "sets ") + String.join(" + ", chosen.stream()
                        .map(c -> c.number() + " '" + c.description() + "'").toList())
                        + ": choose others with --series (numbers or descriptions, comma-separated)";
            }
        } else if (!wanted.isBlank()) {
            throw new RecordingFormatException(file, "its sweeps are one recording; there is no series '" + wanted
                    + "' to choose");
        }
        boolean bySweepNumber = listing.bySweepNumber();
        Map<Double, List<Series>> sweeps = new TreeMap<>();
        for (Series s : responses) {
            sweeps.computeIfAbsent(key(s, bySweepNumber), k -> new ArrayList<>()).add(s);
        }
        List<String> electrodes = sweeps.values().iterator().next().stream()
                .sorted(Comparator.comparing(Series::electrode)).map(Series::electrode).toList();
        double rate = responses.get(0).rateHz();
        Map<Double, Series> stimulusBySweep = listing.stimulusBySweep();

        Recording.Builder b = Recording.builder().source(file).format("NWB", version(file, fileSize, hdf))
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
                if (s.length() != first.get(0).length()) {
                    throw new RecordingFormatException(file, "series " + s.name() + " holds " + s.length()
                            + " samples, series " + first.get(0).name() + " " + first.get(0).length()
                            + "; the sweeps of one recording have one length");
                }
                if (!s.unit().equals(first.get(c).unit())) {
                    throw new RecordingFormatException(file, "series " + s.name() + " is in " + s.unit()
                            + " but its channel in the first sweep is in " + first.get(c).unit());
                }
                progress.checkCancelled();
                traces.add(Trace.wrap(s.values(file, budget)));
            }
            Series stim = stimulusBySweep.get(e.getKey());
            commands.add(stim);
            if (stim == null) {
                missing.add(describeKey(e.getKey(), bySweepNumber));
            } else if (stim.length() != group.get(0).length()) {
                missing.add(describeKey(e.getKey(), bySweepNumber) + " (stimulus " + stim.length()
                        + " samples, response " + group.get(0).length() + ")");
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
        if (setWarning != null) {
            b.warning(setWarning);
        }
        listing.warnings().forEach(b::warning);
        if (!listing.stimuli().isEmpty() && !withCommand) {
            b.warning("stimulus series do not match every sweep (" + String.join(", ", missing)
                    + "); the recording has no command waveform");
        }
        for (int k = 0; k < built.size(); k++) {
            Sweep s = built.get(k);
            b.sweep(withCommand ? new Sweep(s.channels(), Trace.wrap(commands.get(k).values(file, budget))) : s);
        }
        if (withCommand) {
            b.commandUnit(commandUnit);
        }
        b.protocol(protocol != null ? protocol : responses.get(0).description());
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
        listing.metadata().forEach(b::metadata);
        // what a series tells of its sweep (NWB 1: the Allen stimulus name and amplitude), one value per sweep
        for (String key : sweeps.values().iterator().next().get(0).metadata().keySet()) {
            b.metadata(key, String.join(",", sweeps.values().stream()
                    .map(g -> g.get(0).metadata().getOrDefault(key, "")).toList()));
        }
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

    private Series series(Path file, Group g, String type, long fileSize) {
        // an attribute of PatchClampSeries in the NWB schema (core/nwb.icephys.yaml); some writers store a dataset
        double sweepNumber = numberAttr(g, "sweep_number", Double.NaN);
        if (Double.isNaN(sweepNumber)) {
            sweepNumber = scalarNumber(file, fileSize, g, "sweep_number");
        }
        return series(file, g, type, sweepNumber, stringAttr(g, "stimulus_description"), true, Map.of(), fileSize);
    }

    /**
     * A series' samples, unit and rate as NWB 1 and 2 store them; the caller says how it is numbered and described,
     * and whether its {@code conversion} holds ({@link Nwb1Layout} explains where it does not).
     */
    static Series series(Path file, Group g, String type, double sweepNumber, String description,
                         boolean converted, Map<String, String> metadata, long fileSize) {
        String where = where(g);
        if (!(g.getChild("data") instanceof Dataset data)) {
            throw new RecordingFormatException(file, where + ": no 'data' dataset");
        }
        int[] dims = data.getDimensions();
        if (dims.length != 1) {
            throw new RecordingFormatException(file, where + "/data: expected one dimension, found "
                    + Arrays.toString(dims));
        }
        long samples = checkSize(file, where + "/data", data, fileSize, Integer.MAX_VALUE);
        String unit = stringAttr(data, "unit");
        if (unit.isBlank()) {
            throw new RecordingFormatException(file, where + "/data: no 'unit' attribute; the samples' unit is not "
                    + "guessed");
        }
        double conversion = converted ? numberAttr(data, "conversion", 1.0) : 1.0;
        double offset = numberAttr(data, "offset", 0.0);
        Scale scale = Scale.of(unit);
        if (scale == null) {
            throw new RecordingFormatException(file, where + "/data: unit '" + unit
                    + "' is neither a voltage nor a current");
        }
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
        String electrode = "";
        if (g.getChild("electrode") instanceof Link link && !link.isBrokenLink()) {
            electrode = link.getTarget().getName();
        }
        return new Series(g.getName(), type, electrode, sweepNumber, !Double.isNaN(sweepNumber), rate, start,
                scale.unit(), description, data, (int) samples, conversion, offset, scale.factor(), where,
                ordered(metadata));
    }

    /** A group's path as messages name it, without jHDF's trailing slash. */
    static String where(Group g) {
        return g.getPath().endsWith("/") ? g.getPath().substring(0, g.getPath().length() - 1) : g.getPath();
    }

    private static Map<String, String> ordered(Map<String, String> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
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
    static boolean small(Attribute a) {
        return a.getSize() <= 4096 && a.getSizeInBytes() <= 1 << 20;
    }

    /** Samples still allowed in this file under {@link ReadLimits#maxSamples()}. */
    static final class SampleBudget {
        private long left;

        SampleBudget(long max) {
            left = max;
        }

        /** Takes {@code samples} from the budget, or refuses the dataset as its size check would have. */
        void require(Path file, String field, long samples) {
            if (samples > left) {
                throw new RecordingFormatException(file, field + ": declares " + samples + " elements, at most "
                        + left + " expected");
            }
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

    static double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1 && Array.get(v, 0) instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN;
    }

    static double numberAttr(Node n, String name, double fallback) {
        Attribute a = n.getAttribute(name);
        if (a == null || !small(a)) {
            return fallback;
        }
        double d = toDouble(a.getData());
        return Double.isNaN(d) ? fallback : d;
    }

    static String stringAttr(Node n, String name) {
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

    /** The root's {@code nwb_version}: an attribute in NWB 2, a dataset ("NWB-1.0.5") in NWB 1. */
    private static String version(Path file, long fileSize, HdfFile hdf) {
        String attr = stringAttr(hdf, "nwb_version");
        return attr.isEmpty() ? scalarString(file, fileSize, hdf, "nwb_version") : attr;
    }

    /** The number in a one-element dataset {@code name} of {@code g}; NaN where there is none or it is no number. */
    static double scalarNumber(Path file, long fileSize, Group g, String name) {
        if (g.getChild(name) instanceof Dataset d) {
            checkSize(file, where(g) + "/" + name, d, fileSize, 1);
            return toDouble(d.getData());
        }
        return Double.NaN;
    }

    /** The text (or first element) of {@code g}'s dataset {@code name}; "" without one. */
    static String scalarString(Path file, long fileSize, Group g, String name) {
        if (g.getChild(name) instanceof Dataset d) {
            checkSize(file, where(g) + "/" + name, d, fileSize, 1024);
            Object v = d.getData();
            if (v != null && v.getClass().isArray() && Array.getLength(v) >= 1) {
                v = Array.get(v, 0);
            }
            return v == null ? "" : v.toString();
        }
        return "";
    }
}
