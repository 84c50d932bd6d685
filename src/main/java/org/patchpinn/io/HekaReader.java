package org.patchpinn.io;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.patchpinn.PatchPinnException;
import org.patchpinn.numeric.Numbers;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

/**
 * HEKA PatchMaster reader ("DAT2" bundles; "DAT1" files with their .pul/.pgf beside them, opened by any of the
 * three). A recording is one series: its sweeps, one channel per trace (V in mV, A in pA), the sample interval of
 * its first trace, and the command waveform rebuilt from the stimulus tree by {@link HekaCommand}. The series is
 * chosen by "group.series" (e.g. "1.2"), by its number in the file (e.g. "3") or by its label; by default it is
 * the first series whose command can be rebuilt.
 *
 * <p>Variants read: trees in either byte order with the record sizes they declare (older and newer PatchMaster
 * versions), samples as int16, int32, float32 or float64, contiguous or interleaved, each trace in the byte order
 * its TrDataKind gives, sample intervals in s, ms or µs. Sweeps without samples are left out with a warning, and
 * so are sweeps whose traces differ from the first sweep's ({@link HekaSeriesLayout}); a stored zero offset
 * (TrZeroData) is reported, not applied. Samples past the end of a truncated file are refused, naming the sweeps. Refused with a message: abscissas other than time,
 * PULSE "DATA" files, unknown sample formats.
 */
public final class HekaReader implements RecordingReader {
    /** HEKA time stamps count seconds from 1990 with an offset; this turns them into Unix seconds. */
    private static final double HEKA_TO_UNIX = 1580970496.0 - 9561652096.0 + 11644473600.0;
    /** Heap one sweep and one of its traces cost beyond their samples (objects, array headers), bytes. */
    private static final long SWEEP_OVERHEAD_BYTES = 256;
    private static final long CHANNEL_OVERHEAD_BYTES = 64;

    @Override public String format() {
        return "HEKA";
    }

    @Override public boolean accepts(Path file, byte[] head) {
        if (head.length < 4) {
            return false;
        }
        String magic = FileBytes.ascii(Arrays.copyOf(head, 4));
        return magic.equals("DAT2") || magic.equals("DAT1")
                || ((magic.equals("eerT") || magic.equals("Tree")) && isTreeFile(file));
    }

    /** A .pul or .pgf tree of an unbundled (DAT1) file set, which the user may pick instead of its .dat. */
    private static boolean isTreeFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".pul") || name.endsWith(".pgf");
    }

    /** The file that holds the samples: {@code file} itself, or the .dat beside a .pul/.pgf tree. */
    private static Path dataFile(Path file) {
        if (!isTreeFile(file)) {
            return file;
        }
        Path dat = HekaBundle.sibling(file, "dat");
        if (dat == null) {
            throw new RecordingFormatException(file, "a PatchMaster tree file (.pul/.pgf) holds no samples, and no "
                    + ".dat of the same name is beside it");
        }
        return dat;
    }

    @Override public Recording read(Path file, Progress progress) {
        return read(file, "", progress);
    }

    @Override public Recording read(Path picked, String series, Progress progress) {
        Path file = dataFile(picked);
        try (HekaBundle b = HekaBundle.open(file)) {
            List<Located> all = located(b);
            Located chosen = choose(file, b, all, series == null ? "" : series.strip());
            progress.status("reading " + file.getFileName() + " series " + chosen.id());
            return recording(file, b, chosen, all.size(), progress);
        } catch (PatchPinnException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RecordingFormatException(file, "unreadable PatchMaster file (internal error: " + e + ")", e);
        }
    }

    @Override public List<SeriesEntry> series(Path picked) {
        Path file = dataFile(picked);
        try (HekaBundle b = HekaBundle.open(file)) {
            List<Located> all = located(b);
            Located def = defaultSeries(file, b, all);
            List<SeriesEntry> out = new ArrayList<>();
            for (Located l : all) {
                HekaSeriesLayout.Selection read = selection(file, l, new ArrayList<>());
                List<HekaPulsed.Sweep> sweeps = read == null ? List.of() : read.sweeps();
                HekaCommand.Result c = HekaCommand.build(sweeps, b.stimulations());
                List<String> traces = new ArrayList<>();
                String mode = "";
                if (!sweeps.isEmpty()) {
                    for (HekaPulsed.TraceRecord t : sweeps.get(0).traces()) {
                        traces.add(t.label() + " (" + unitOf(t.yUnit()) + ")");
                        mode = mode.isEmpty() ? t.mode() : mode;
                    }
                }
                out.add(new SeriesEntry(l.id(), l.group(), l.series().label(), l.series().sweeps().size(), traces,
                        mode, protocol(b, l.series()), c.ok() ? "rebuilt" : c.problem(), l == def));
            }
            return List.copyOf(out);
        } catch (PatchPinnException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RecordingFormatException(file, "unreadable PatchMaster file (internal error: " + e + ")", e);
        }
    }

    /** A series with where it lies: "group.series" counted from 1, and its number in the whole file. */
    private record Located(String id, int number, String group, HekaPulsed.Series series) { }

    private static List<Located> located(HekaBundle b) {
        List<Located> out = new ArrayList<>();
        for (int g = 0; g < b.groups().size(); g++) {
            HekaPulsed.Group group = b.groups().get(g);
            for (int s = 0; s < group.series().size(); s++) {
                out.add(new Located((g + 1) + "." + (s + 1), out.size() + 1, group.label(), group.series().get(s)));
            }
        }
        return out;
    }

    private static Located choose(Path file, HekaBundle b, List<Located> all, String wanted) {
        if (wanted.isEmpty()) {
            return defaultSeries(file, b, all);
        }
        for (Located l : all) {
            if (l.id().equals(wanted)) {
                return l;
            }
        }
        if (wanted.matches("\\d{1,9}")) {
            int n = Integer.parseInt(wanted);
            if (n >= 1 && n <= all.size()) {
                return all.get(n - 1);
            }
        }
        for (Located l : all) {
            if (l.series().label().equalsIgnoreCase(wanted)) {
                return l;
            }
        }
        throw new RecordingFormatException(file, "no series '" + wanted + "'; the file holds " + listing(all));
    }

    /** The first series with sweeps whose command can be rebuilt; else the first series with sweeps. */
    private static Located defaultSeries(Path file, HekaBundle b, List<Located> all) {
        Located firstWithSweeps = null;
        for (Located l : all) {
            HekaSeriesLayout.Selection read = selection(file, l, new ArrayList<>());
            if (read == null) {
                continue;
            }
            if (firstWithSweeps == null) {
                firstWithSweeps = l;
            }
            if (HekaCommand.build(read.sweeps(), b.stimulations()).ok()) {
                return l;
            }
        }
        if (firstWithSweeps == null) {
            throw new RecordingFormatException(file, all.isEmpty() ? "the file holds no series"
                    : "no series of the file holds a sweep with traces (" + listing(all) + ")");
        }
        return firstWithSweeps;
    }

    private static String listing(List<Located> all) {
        if (all.isEmpty()) {
            return "no series";
        }
        List<String> parts = new ArrayList<>();
        for (Located l : all) {
            parts.add(l.id() + " '" + l.series().label() + "'");
        }
        return String.join(", ", parts);
    }

    private static String protocol(HekaBundle b, HekaPulsed.Series s) {
        if (s.sweeps().isEmpty()) {
            return "";
        }
        int k = s.sweeps().get(0).stimIndex();
        return k >= 1 && k <= b.stimulations().size() ? b.stimulations().get(k - 1).name() : "";
    }

    private Recording recording(Path file, HekaBundle b, Located chosen, int seriesCount, Progress progress) {
        HekaPulsed.Series s = chosen.series();
        List<String> warnings = new ArrayList<>(b.warnings());
        HekaSeriesLayout.Selection read = selection(file, chosen, warnings);
        if (read == null) {
            throw new RecordingFormatException(file, "series " + chosen.id() + " '" + s.label()
                    + "' holds no sweep with samples");
        }
        List<HekaPulsed.Sweep> sweeps = read.sweeps();
        List<Integer> kept = read.channels();
        List<HekaPulsed.TraceRecord> firstTraces = sweeps.get(0).traces();
        HekaPulsed.TraceRecord firstTrace = firstTraces.get(0);
        if (Double.isNaN(HekaPulsed.secondsPer(firstTrace.xUnit()))) {
            throw new RecordingFormatException(file, "series " + chosen.id() + ": trace '" + firstTrace.label()
                    + "' is sampled along '" + firstTrace.xUnit() + "', not in time (s, ms or µs); only time series "
                    + "are read");
        }
        double dx = firstTrace.xInterval();
        if (!(dx > 0) || dx > 1e3) {
            throw new RecordingFormatException(file, "series " + chosen.id() + ": impossible sample interval " + dx
                    + " s");
        }
        Recording.Builder rb = Recording.builder().source(file).format("HEKA", b.version())
                .sampleRateHz(1.0 / dx).protocol(protocol(b, s));
        for (int c : kept) {
            HekaPulsed.TraceRecord t = firstTraces.get(c);
            rb.channel(t.label(), unitOf(t.yUnit()));
        }
        warnings.addAll(read.warnings());
        HekaCommand.Result command = HekaCommand.build(sweeps, b.stimulations());
        requireHeap(file, chosen, sweeps, kept);
        FileBytes data = b.data();
        requireSamplesInData(file, b, chosen, read);
        noteStorage(chosen, sweeps, kept, data.order(), warnings);
        HekaSampleDecoder decoder = new HekaSampleDecoder(data);
        StringBuilder starts = new StringBuilder();
        double t0 = sweeps.get(0).time();
        double first0 = t0 + firstTraces.get(kept.get(0)).start();
        for (int k = 0; k < sweeps.size(); k++) {
            progress.checkCancelled();
            HekaPulsed.Sweep sw = sweeps.get(k);
            List<Trace> traces = new ArrayList<>(kept.size());
            for (int c : kept) {
                HekaPulsed.TraceRecord t = sw.traces().get(c);
                traces.add(Trace.wrap(decoder.decode(t, "series " + chosen.id() + " sweep " + read.numbers().get(k)
                        + " trace '" + t.label() + "'")));
            }
            int length = firstTrace.points();
            Trace cmd = command.ok() && command.perSweep().get(k).length() == length ? command.perSweep().get(k)
                    : null;
            rb.sweep(new Sweep(traces, cmd));
            starts.append(k == 0 ? "" : ",").append(sweepStart(sw.time() + sw.traces().get(kept.get(0)).start(),
                    first0));
            progress.fraction((k + 1.0) / sweeps.size());
        }
        if (command.ok()) {
            rb.commandUnit(command.unit());
            command.notes().forEach(warnings::add);
        } else {
            warnings.add("no command waveform for series " + chosen.id() + ": " + command.problem());
        }
        rb.startTime(isoTime(Double.isFinite(t0) ? t0 : b.time()));
        rb.metadata("heka.series", chosen.id() + " " + s.label());
        rb.metadata("heka.group", chosen.group());
        rb.metadata("heka.seriesInFile", Integer.toString(seriesCount));
        rb.metadata("heka.recordingMode", firstTraces.get(0).mode());
        rb.metadata("heka.signature", b.signature());
        rb.metadata("sweepStartTimesS", starts.toString());
        noteTraceStarts(chosen, sweeps.get(0), kept, dx, rb, warnings);
        if (!s.comment().isEmpty()) {
            rb.metadata("heka.comment", s.comment());
        }
        warnings.forEach(rb::warning);
        return rb.build();
    }

    /**
     * The sweeps and traces of a series that are read, or null when no sweep holds samples. Sweeps without
     * traces or with only empty traces (a series stopped as a sweep began) are left out with a warning; of the
     * others, those whose traces differ from the first sweep's ({@link HekaSeriesLayout}). The command rebuild
     * numbers sweeps by their SwSweepCount, so leaving one out does not shift the others' steps.
     */
    private static HekaSeriesLayout.Selection selection(Path file, Located chosen, List<String> warnings) {
        List<HekaPulsed.Sweep> sweeps = chosen.series().sweeps();
        List<HekaPulsed.Sweep> out = new ArrayList<>(sweeps.size());
        List<Integer> numbers = new ArrayList<>(sweeps.size());
        List<Integer> empty = new ArrayList<>();
        for (int k = 0; k < sweeps.size(); k++) {
            HekaPulsed.Sweep sw = sweeps.get(k);
            if (sw.traces().stream().anyMatch(t -> t.points() != 0)) {
                out.add(sw);
                numbers.add(k + 1);
            } else {
                empty.add(k + 1);
            }
        }
        if (out.isEmpty()) {
            return null;
        }
        if (!empty.isEmpty()) {
            warnings.add("series " + chosen.id() + ": sweep(s) " + Numbers.ranges(empty)
                    + " hold no samples and are left out");
        }
        return HekaSeriesLayout.select(file.getFileName() + " series " + chosen.id(), numbers, out);
    }

    /**
     * Refuses a series whose samples lie outside the file's data before any is read, naming the sweeps: past
     * the end of the file (a truncated file, which the ABF and WinWCP readers refuse too: a recording is read
     * whole or not at all) or outside the bundle's .dat item (a damaged tree).
     */
    private static void requireSamplesInData(Path file, HekaBundle b, Located chosen,
                                             HekaSeriesLayout.Selection read) {
        long start = b.dataStart();
        long end = b.dataEnd();
        long size = b.data().size();
        List<Integer> past = new ArrayList<>();
        List<Integer> outside = new ArrayList<>();
        for (int k = 0; k < read.sweeps().size(); k++) {
            boolean isPast = false;
            boolean isOutside = false;
            for (int c : read.channels()) {
                HekaPulsed.TraceRecord t = read.sweeps().get(k).traces().get(c);
                long last = HekaSampleDecoder.endOf(t);
                if (last < 0) {
                    continue; // an impossible format or count, which the decoder names
                }
                boolean beyond = t.dataOffset() < start || last > end;
                // a bundle whose items all lie in the file is whole: samples past its end mean a damaged tree
                isPast |= beyond && end >= size && last > size;
                isOutside |= beyond;
            }
            if (isPast) {
                past.add(read.numbers().get(k));
            } else if (isOutside) {
                outside.add(read.numbers().get(k));
            }
        }
        if (!past.isEmpty()) {
            throw new RecordingFormatException(file, "series " + chosen.id() + ": the samples of sweep(s) "
                    + Numbers.ranges(past) + " run past the end of the file (" + size + " bytes): the file "
                    + "is truncated, and a series is read whole or not at all");
        }
        if (!outside.isEmpty()) {
            throw new RecordingFormatException(file, "series " + chosen.id() + ": the samples of sweep(s) "
                    + Numbers.ranges(outside) + " lie outside the data of the file (bytes " + start + ".."
                    + end + "): the pulsed tree is damaged");
        }
    }

    /**
     * Warns of what the file stores but the samples do not show: traces whose bytes are in another order than
     * the file's header gives (each trace is read in its own order), and zero offsets (TrZeroData: the level of
     * the stimulus's zero segment), which are not applied: myokit's reader subtracts them only on request, others
     * add or subtract them, and the samples are kept as recorded.
     */
    private static void noteStorage(Located chosen, List<HekaPulsed.Sweep> sweeps, List<Integer> kept,
                                    ByteOrder fileOrder, List<String> warnings) {
        boolean otherOrder = false;
        List<String> zeros = new ArrayList<>();
        for (HekaPulsed.Sweep sw : sweeps) {
            for (int c : kept) {
                if (c >= sw.traces().size()) {
                    continue;
                }
                HekaPulsed.TraceRecord t = sw.traces().get(c);
                otherOrder |= !t.dataOrder(fileOrder).equals(fileOrder);
                if (t.zero() != 0 && Double.isFinite(t.zero()) && zeros.size() < kept.size()
                        && zeros.stream().noneMatch(z -> z.startsWith("'" + t.label() + "'"))) {
                    zeros.add(String.format(Locale.ROOT, "'%s' %g %s", t.label(), t.zero() * unitScale(t.yUnit()),
                            unitOf(t.yUnit())));
                }
            }
        }
        if (otherOrder) {
            warnings.add("series " + chosen.id() + ": some traces store their samples in another byte order than the "
                    + "file's header gives (their TrDataKind says so); each is read in its own order");
        }
        if (!zeros.isEmpty()) {
            warnings.add("series " + chosen.id() + ": traces with a stored zero offset (TrZeroData) "
                    + String.join(", ", zeros) + "; it is not applied (it is the zero segment's level, subtracted "
                    + "only on request): the samples are as recorded");
        }
    }

    /**
     * Reports when the first sweep's traces start after the sweep (TrXStart + TrTimeOffset, in
     * {@code heka.traceStartS}): the samples stay indexed from the first stored one, as the command is, and the
     * sweep start times are those of each sweep's first sample. Channels that do not start together (by half a
     * sample or more) are named: they are kept sample by sample as stored, not shifted.
     */
    private static void noteTraceStarts(Located chosen, HekaPulsed.Sweep first, List<Integer> kept, double dx,
                                        Recording.Builder rb, List<String> warnings) {
        List<String> parts = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int c : kept) {
            HekaPulsed.TraceRecord t = first.traces().get(c);
            parts.add(String.format(Locale.ROOT, "'%s' %.9g", t.label(), t.start()));
            lo = Math.min(lo, t.start());
            hi = Math.max(hi, t.start());
        }
        if (lo == 0 && hi == 0) {
            return;
        }
        rb.metadata("heka.traceStartS", String.join(", ", parts));
        if (!(hi - lo < dx / 2)) {
            warnings.add("series " + chosen.id() + ": its channels do not start together (first sample after the "
                    + "sweep's start, TrXStart + TrTimeOffset, s: " + String.join(", ", parts) + "); they are kept "
                    + "sample by sample as stored, not shifted");
        }
    }

    /**
     * Refuses a series whose traces would decode into more samples than the read limits allow, before any is
     * read: sweeps may all point at the same bytes, so the file's size alone does not bound them.
     */
    private static void requireHeap(Path file, Located chosen, List<HekaPulsed.Sweep> sweeps, List<Integer> kept) {
        long total = 0;
        for (HekaPulsed.Sweep sw : sweeps) {
            for (int c : kept) {
                if (c < sw.traces().size()) {
                    total += Math.max(0, sw.traces().get(c).points());
                }
            }
        }
        ReadLimits.require(file, "series " + chosen.id() + " samples", total,
                total * 4 + sweeps.size() * (SWEEP_OVERHEAD_BYTES + CHANNEL_OVERHEAD_BYTES * kept.size()));
    }

    private static String sweepStart(double t, double t0) {
        double d = t - t0;
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.6f", d) : "NaN";
    }

    /** PatchMaster's unit names mapped to PatchPINN's working units. */
    static String unitOf(String yUnit) {
        return switch (yUnit) {
            case "V" -> "mV";
            case "A" -> "pA";
            default -> yUnit;
        };
    }

    static double unitScale(String yUnit) {
        return switch (yUnit) {
            case "V" -> 1e3;
            case "A" -> 1e12;
            default -> 1;
        };
    }

    /** A HEKA time stamp as ISO-8601 local date-time (PatchMaster stores the wall-clock time), "" if absent. */
    static String isoTime(double heka) {
        if (!Double.isFinite(heka) || heka <= 0) {
            return "";
        }
        double unix = heka - HEKA_TO_UNIX;
        if (heka - 1580970496.0 < 0) {
            unix += 4294967296.0;
        }
        if (unix < 0 || unix > 1e11) {
            return "";
        }
        long ms = Math.round(unix * 1000);
        return LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000,
                ZoneOffset.UTC).toString();
    }
}
