package org.patchpinn.io;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An opened PatchMaster file: its pulsed tree, stimulus tree and the file that holds the samples. "DAT2"
 * bundles hold all three (their header lists where each item lies); a "DAT1" .dat holds only samples, with
 * the .pul and .pgf trees in files of the same name beside it.
 */
final class HekaBundle implements AutoCloseable {
    static final int HEADER_SIZE = 256;
    private static final int ITEMS = 12;
    private static final int PULSED_LEVELS = 5;
    private static final int STIMULUS_LEVELS = 4;

    private final FileBytes data;
    private final ByteOrder dataOrder;
    private final long dataStart;
    private final long dataEnd;
    private final String signature;
    private final String version;
    private final double time;
    private final List<HekaPulsed.Group> groups;
    private final List<HekaStimulus.Stimulation> stimulations;
    private final List<String> warnings;

    private HekaBundle(FileBytes data, ByteOrder dataOrder, long[] dataItem, String signature, String version,
                       double time, List<HekaPulsed.Group> groups, List<HekaStimulus.Stimulation> stimulations,
                       List<String> warnings) {
        this.data = data;
        this.dataOrder = dataOrder;
        this.dataStart = dataItem[0];
        this.dataEnd = dataItem[0] + dataItem[1];
        this.signature = signature;
        this.version = version;
        this.time = time;
        this.groups = groups;
        this.stimulations = stimulations;
        this.warnings = warnings;
    }

    static HekaBundle open(Path file) {
        FileBytes f = FileBytes.open(file, "tree");
        try {
            return read(file, f);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    private static HekaBundle read(Path file, FileBytes f) {
        if (f.size() == 0) {
            throw f.error("file is empty");
        }
        if (f.size() < HEADER_SIZE) {
            throw f.error("file of " + f.size() + " bytes is too short for a PatchMaster header (" + HEADER_SIZE
                    + " bytes)");
        }
        String signature = FileBytes.ascii(f.bytes(0, 4, "signature"));
        String version = f.latin1Text(8, 32, "version");
        List<String> warnings = new ArrayList<>();
        if (signature.equals("DAT2")) {
            ByteOrder order = f.u8(52, "byte order flag") != 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            f.order(order);
            double time = f.f64(40, "time");
            Map<String, long[]> items = items(f);
            long[] pul = items.get(".pul");
            if (pul == null) {
                throw f.error("the bundle has no pulsed tree (.pul item)");
            }
            List<HekaPulsed.Group> groups =
                    HekaPulsed.parse(f, HekaTree.read(f, "pulsed", pul[0], pul[0] + pul[1], PULSED_LEVELS));
            long[] pgf = items.get(".pgf");
            List<HekaStimulus.Stimulation> stims = List.of();
            if (pgf == null) {
                warnings.add("the bundle has no stimulus tree (.pgf item): no command waveforms");
            } else {
                stims = stimulations(f, pgf[0], pgf[0] + pgf[1], warnings);
            }
            // The samples lie in the .dat item; a bundle without one is taken to hold them after its header.
            long[] dat = items.getOrDefault(".dat", new long[] {HEADER_SIZE, f.size() - HEADER_SIZE});
            return new HekaBundle(f, order, dat, signature, version, time, groups, stims, List.copyOf(warnings));
        }
        if (signature.equals("DAT1")) {
            Path pulFile = sibling(file, "pul");
            if (pulFile == null) {
                throw f.error("a DAT1 file keeps its pulsed tree in a separate .pul file, and none is beside it");
            }
            List<HekaPulsed.Group> groups;
            ByteOrder order;
            try (FileBytes p = FileBytes.open(pulFile, "tree")) {
                groups = HekaPulsed.parse(p, HekaTree.read(p, "pulsed", 0, p.size(), PULSED_LEVELS));
                order = p.order();
            }
            Path pgfFile = sibling(file, "pgf");
            List<HekaStimulus.Stimulation> stims = List.of();
            if (pgfFile == null) {
                warnings.add("no .pgf stimulus file beside this DAT1 file: no command waveforms");
            } else {
                try (FileBytes g = FileBytes.open(pgfFile, "tree")) {
                    stims = stimulations(g, 0, g.size(), warnings);
                }
            }
            f.order(order);
            double time = f.f64(40, "time");
            return new HekaBundle(f, order, new long[] {0, f.size()}, signature, version, time, groups, stims,
                    List.copyOf(warnings));
        }
        if (signature.equals("DATA")) {
            throw f.error("a PULSE file of the old 'DATA' layout; only PatchMaster DAT1/DAT2 files are read");
        }
        throw f.error("not a PatchMaster file: it starts with '" + FileBytes.printable(signature)
                + "', not 'DAT1' or 'DAT2'");
    }

    /**
     * The stimulus tree between {@code start} and {@code end}, or none with a warning when it cannot be read (a
     * damaged or unfamiliar .pgf): the samples do not depend on it, only the command waveforms do.
     */
    private static List<HekaStimulus.Stimulation> stimulations(FileBytes f, long start, long end,
                                                               List<String> warnings) {
        try {
            return HekaStimulus.parse(f, HekaTree.read(f, "stimulus", start, end, STIMULUS_LEVELS));
        } catch (RecordingFormatException e) {
            String prefix = f.file() + ": ";
            String reason = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length())
                    : e.getMessage();
            warnings.add("the stimulus tree (.pgf) cannot be read, so there are no command waveforms: " + reason);
            return List.of();
        }
    }

    /** The bundle items by extension: {start, length}, each checked against the file size. */
    private static Map<String, long[]> items(FileBytes f) {
        Map<String, long[]> items = new LinkedHashMap<>();
        for (int i = 0; i < ITEMS; i++) {
            long at = 64 + 16L * i;
            long start = Integer.toUnsignedLong(f.i32(at, "bundle item " + i + " start"));
            long length = Integer.toUnsignedLong(f.i32(at + 4, "bundle item " + i + " length"));
            String ext = f.latin1Text(at + 8, 8, "bundle item " + i + " extension");
            if (length == 0 || ext.isEmpty()) {
                continue;
            }
            if (start < HEADER_SIZE || start + length > f.size()) {
                throw f.error("bundle item " + ext + " (bytes " + start + ".." + (start + length)
                        + ") lies outside the file (" + f.size() + " bytes): the file is truncated or its header "
                        + "is corrupt");
            }
            items.putIfAbsent(ext.toLowerCase(Locale.ROOT), new long[] {start, length});
        }
        return items;
    }

    /** The file beside {@code file} with the same name and extension {@code ext} (either case), or null. */
    static Path sibling(Path file, String ext) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        for (String e : List.of(ext, ext.toUpperCase(Locale.ROOT))) {
            Path p = file.resolveSibling(stem + "." + e);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    @Override public void close() {
        data.close();
    }

    /** The file of the samples, in their byte order. */
    FileBytes data() {
        data.order(dataOrder);
        return data;
    }

    /** First byte of the samples' region: the .dat item of a bundle, the whole file of a DAT1 .dat. */
    long dataStart() { return dataStart; }

    /** End (exclusive) of the samples' region as the header gives it; may lie past a truncated file's end. */
    long dataEnd() { return dataEnd; }

    String signature() { return signature; }

    String version() { return version; }

    /** Time stamp of the bundle header (HEKA seconds), NaN if absent. */
    double time() { return time; }

    List<HekaPulsed.Group> groups() { return groups; }

    List<HekaStimulus.Stimulation> stimulations() { return stimulations; }

    List<String> warnings() { return warnings; }
}
