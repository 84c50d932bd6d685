package org.patchpinn.io;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The pulsed tree (.pul) of a PatchMaster file as plain records: groups → series → sweeps → traces, with the
 * fields a recording needs (offsets as in HEKA's PulsedFile_v9 description; a field beyond a shorter record
 * of an older version takes its neutral value).
 */
final class HekaPulsed {
    /** TrRecordingMode values, in HEKA's order. */
    static final List<String> RECORDING_MODES =
            List.of("InOut", "OnCell", "OutOut", "WholeCell", "CClamp", "VClamp", "NoMode");

    record Group(String label, List<Series> series) { }

    record Series(String label, String comment, double time, List<Sweep> sweeps) { }

    /** @param stimIndex 1-based index of the stimulation record in the .pgf tree (SwStimCount) */
    record Sweep(String label, int stimIndex, int sweepCount, double time, List<TraceRecord> traces) { }

    /**
     * @param dataOffset    byte offset of the first sample in the data file
     * @param format        0 int16, 1 int32, 2 float32, 3 float64
     * @param interleaveSize bytes per interleaved block (0: contiguous)
     * @param interleaveSkip bytes from one block's start to the next's
     * @param xInterval     sample interval in seconds (TrXInterval, given in TrXUnit), NaN when the abscissa is
     *                      not time
     * @param start         time of the first sample after the sweep's start in seconds: TrXStart (given in
     *                      TrXUnit) plus TrTimeOffset, as myokit and load-heka-python time a trace (both ignore
     *                      TrUseXStart, which PatchMaster leaves false while it sets TrXStart)
     * @param holding       holding level of the trace in SI units (TrTrHolding), NaN if absent
     * @param dataKind      TrDataKind bits, -1 if absent
     */
    record TraceRecord(String label, long dataOffset, int points, int recordingMode, int format, double scaler,
                       double zero, String yUnit, double xInterval, double start, String xUnit,
                       int interleaveSize, int interleaveSkip, double holding, int dataKind) {
        /**
         * The byte order of the samples: the trace's TrDataKind LittleEndianBit (PatchMaster sets it per trace;
         * cleared for PowerPC Macs), {@code fallback} where the record is too short to hold TrDataKind.
         */
        ByteOrder dataOrder(ByteOrder fallback) {
            if (dataKind < 0) {
                return fallback;
            }
            return (dataKind & LITTLE_ENDIAN_BIT) != 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        }

        String mode() {
            return recordingMode >= 0 && recordingMode < RECORDING_MODES.size()
                    ? RECORDING_MODES.get(recordingMode) : "mode " + recordingMode;
        }

        int bytesPerSample() {
            return switch (format) {
                case 0 -> 2;
                case 1, 2 -> 4;
                case 3 -> 8;
                default -> 0;
            };
        }
    }

    /** TrDataKind bit 0: the trace's samples are little-endian. */
    static final int LITTLE_ENDIAN_BIT = 1;

    private HekaPulsed() {
    }

    /** Seconds per unit of a trace's abscissa (TrXUnit); NaN for anything but time. */
    static double secondsPer(String xUnit) {
        return switch (xUnit) {
            case "s", "" -> 1;
            case "ms" -> 1e-3;
            case "us", "\u00b5s", "\u03bcs" -> 1e-6;
            default -> Double.NaN;
        };
    }

    static List<Group> parse(FileBytes f, HekaTree.Node root) {
        List<Group> groups = new ArrayList<>();
        for (HekaTree.Node g : root.children()) {
            List<Series> series = new ArrayList<>();
            for (HekaTree.Node s : g.children()) {
                List<Sweep> sweeps = new ArrayList<>();
                for (HekaTree.Node w : s.children()) {
                    List<TraceRecord> traces = new ArrayList<>();
                    for (HekaTree.Node t : w.children()) {
                        traces.add(trace(f, t));
                    }
                    sweeps.add(new Sweep(text(f, w, 4, 32), i32(f, w, 40, 0), i32(f, w, 44, 0),
                            f64(f, w, 48, Double.NaN), List.copyOf(traces)));
                }
                series.add(new Series(text(f, s, 4, 32), text(f, s, 36, 80), f64(f, s, 136, Double.NaN),
                        List.copyOf(sweeps)));
            }
            groups.add(new Group(text(f, g, 4, 32), List.copyOf(series)));
        }
        return List.copyOf(groups);
    }

    private static TraceRecord trace(FileBytes f, HekaTree.Node t) {
        String xUnit = text(f, t, 120, 8);
        return new TraceRecord(text(f, t, 4, 32), Integer.toUnsignedLong(i32(f, t, 40, 0)), i32(f, t, 44, 0),
                u8(f, t, 68, 6), u8(f, t, 70, 0), f64(f, t, 72, Double.NaN), f64(f, t, 88, 0),
                text(f, t, 96, 8), f64(f, t, 104, Double.NaN) * secondsPer(xUnit),
                f64(f, t, 112, 0) * secondsPer(xUnit) + f64(f, t, 80, 0), xUnit,
                i32(f, t, 292, 0), i32(f, t, 296, 0), f64(f, t, 408, Double.NaN), u16(f, t, 64, -1));
    }

    static String text(FileBytes f, HekaTree.Node n, int at, int length) {
        return n.has(at, length) ? f.latin1Text(n.offset() + at, length, "text field at +" + at) : "";
    }

    static int i32(FileBytes f, HekaTree.Node n, int at, int absent) {
        return n.has(at, 4) ? f.i32(n.offset() + at, "field at +" + at) : absent;
    }

    static int i16(FileBytes f, HekaTree.Node n, int at, int absent) {
        return n.has(at, 2) ? f.i16(n.offset() + at, "field at +" + at) : absent;
    }

    static int u16(FileBytes f, HekaTree.Node n, int at, int absent) {
        return n.has(at, 2) ? f.u16(n.offset() + at, "field at +" + at) : absent;
    }

    static int u8(FileBytes f, HekaTree.Node n, int at, int absent) {
        return n.has(at, 1) ? f.u8(n.offset() + at, "field at +" + at) : absent;
    }

    static double f64(FileBytes f, HekaTree.Node n, int at, double absent) {
        return n.has(at, 8) ? f.f64(n.offset() + at, "field at +" + at) : absent;
    }
}
