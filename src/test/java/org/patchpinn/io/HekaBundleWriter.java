package org.patchpinn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes synthetic PatchMaster "DAT2" bundles (record layout of PatchMaster v2x90: pulsed records of 640, 144,
 * 1728, 352 and 512 bytes, stimulus records of 584, 248, 400 and 80 bytes) for tests and benchmarks: one group,
 * the given series, int16 samples, and the stimulus tree. Optionally big-endian, interleaved, or split into a
 * DAT1 .dat with .pul and .pgf beside it; as variants of other versions and machines: int32/float samples,
 * samples in another byte order than the trees, other pulsed record sizes, intervals in another time unit, a zero
 * offset, filler in the interleave fields.
 */
final class HekaBundleWriter {
    static final int[] PULSED = {640, 144, 1728, 352, 512};
    static final int[] STIMULUS = {584, 248, 400, 80};

    record Segment(int segmentClass, int storeKind, int incMode, double value, int valueSource, double increment,
                   double duration) {
        static Segment constant(double value, double increment, double duration) {
            return new Segment(HekaStimulus.CONSTANT, 1, 0, value, 0, increment, duration);
        }

        static Segment holding(double duration) {
            return new Segment(HekaStimulus.CONSTANT, 1, 0, 0, 1, 0, duration);
        }
    }

    record Channel(int amplMode, String dacUnit, double holding, int stimToDac, List<Segment> segments) { }

    record Stimulation(String name, double dt, int sweeps, List<Channel> channels) { }

    /** A trace: its label, unit, recording mode (3 WholeCell, 4 CClamp), scaler, interval and samples. */
    record TraceSpec(String label, String unit, int mode, double scaler, double dx, short[] samples,
                     double holding) { }

    /** A series: its label, the 1-based stimulation it plays, and per sweep its traces. */
    record SeriesSpec(String label, int stimulation, List<List<TraceSpec>> sweeps) { }

    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private ByteOrder sampleOrder;
    private int interleave;
    private int fillerInterleave;
    private double[] square;
    private int format;
    private int[] pulsedSizes = PULSED;
    private String xUnit = "s";
    private double zeroData;
    private double xStart;
    private double xStartStep;
    private double[] timeOffsets = {};

    /** Stores the samples as int16 (0), int32 (1), float32 (2) or float64 (3), the same values. */
    HekaBundleWriter dataFormat(int dataFormat) {
        format = dataFormat;
        return this;
    }

    /** Pulsed-tree records of these sizes (root, group, series, sweep, trace), as other PatchMaster versions. */
    HekaBundleWriter pulsedRecordSizes(int... sizes) {
        pulsedSizes = sizes.clone();
        return this;
    }

    /** Samples in this byte order (TrDataKind says so) while the trees keep theirs. */
    HekaBundleWriter sampleOrder(ByteOrder sampleOrder) {
        this.sampleOrder = sampleOrder;
        return this;
    }

    /** The sample interval written in this time unit (TrXUnit "s", "ms", "µs"), or a non-time unit. */
    HekaBundleWriter xUnit(String unit) {
        xUnit = unit;
        return this;
    }

    /** TrZeroData of every trace, in the trace's SI unit. */
    HekaBundleWriter zeroData(double zero) {
        zeroData = zero;
        return this;
    }

    /**
     * TrXStart of every trace, {@code first} s in the first sweep and {@code step} s more in each next one
     * (written in the interval's time unit), and TrTimeOffset of the traces by their place in the sweep.
     */
    HekaBundleWriter traceStart(double first, double step, double... offsets) {
        xStart = first;
        xStartStep = step;
        timeOffsets = offsets.clone();
        return this;
    }

    /** Contiguous samples with a block size but no skip at TrInterleaveSize/Skip (filler before v2.60). */
    HekaBundleWriter fillerInterleave(int bytes) {
        fillerInterleave = bytes;
        return this;
    }

    private ByteOrder samples() {
        return sampleOrder == null ? order : sampleOrder;
    }

    private int bytesPerSample() {
        return switch (format) {
            case 0 -> 2;
            case 1, 2 -> 4;
            default -> 8;
        };
    }

    /** The samples in the chosen format and byte order. */
    private byte[] encode(short[] samples, int from, int count, int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(samples());
        for (int i = 0; i < count; i++) {
            short v = samples[from + i];
            switch (format) {
                case 0 -> b.putShort(v);
                case 1 -> b.putInt(v);
                case 2 -> b.putFloat(v);
                default -> b.putDouble(v);
            }
        }
        return b.array();
    }

    HekaBundleWriter bigEndian() {
        order = ByteOrder.BIG_ENDIAN;
        return this;
    }

    /** Stores every trace in blocks of {@code bytes} bytes, two traces' blocks alternating. */
    HekaBundleWriter interleaved(int bytes) {
        interleave = bytes;
        return this;
    }

    /** Square-wave settings written into every DA channel (chSquare_PosAmpl, _NegAmpl, _Cycle, _Kind). */
    HekaBundleWriter squareWave(double positive, double negative, double cycleS, int kind) {
        square = new double[] {positive, negative, cycleS, kind};
        return this;
    }

    void write(Path file, List<SeriesSpec> series, List<Stimulation> stims) throws IOException {
        long dataStart = 256;
        long dataBytes = dataBytes(series);
        byte[] pul = pulsed(series, dataStart);
        byte[] pgf = stimulus(stims);
        ByteBuffer h = ByteBuffer.allocate(256).order(order);
        put(h, 0, "DAT2", 8);
        put(h, 8, "v2x90.3, synthetic", 32);
        h.putDouble(40, 5289055136.0);
        h.putInt(48, 3);
        h.put(52, (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 0));
        item(h, 0, dataStart, dataBytes, ".dat");
        item(h, 1, dataStart + dataBytes, pul.length, ".pul");
        item(h, 2, dataStart + dataBytes + pul.length, pgf.length, ".pgf");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(h.array());
            writeData(out, series);
            out.write(pul);
            out.write(pgf);
        }
    }

    /** A DAT1 file of samples with the trees in {@code stem.pul} and {@code stem.pgf} beside it. */
    void writeDat1(Path file, List<SeriesSpec> series, List<Stimulation> stims, boolean withPgf) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(256).order(order);
        put(h, 0, "DAT1", 8);
        put(h, 8, "v2x90.3, synthetic", 32);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(h.array());
            writeData(out, series);
        }
        String stem = file.getFileName().toString().replaceFirst("\\.dat$", "");
        Files.write(file.resolveSibling(stem + ".pul"), pulsed(series, 256));
        if (withPgf) {
            Files.write(file.resolveSibling(stem + ".pgf"), stimulus(stims));
        }
    }

    private long dataBytes(List<SeriesSpec> series) {
        long n = 0;
        for (SeriesSpec s : series) {
            for (List<TraceSpec> sweep : s.sweeps()) {
                n += sweepBytes(sweep);
            }
        }
        return n;
    }

    private long sweepBytes(List<TraceSpec> sweep) {
        long n = 0;
        for (TraceSpec t : sweep) {
            long bytes = (long) bytesPerSample() * t.samples().length;
            n += interleave > 0 ? (bytes + interleave - 1) / interleave * interleave : bytes;
        }
        return n;
    }

    private void writeData(OutputStream out, List<SeriesSpec> series) throws IOException {
        for (SeriesSpec s : series) {
            for (List<TraceSpec> sweep : s.sweeps()) {
                if (interleave > 0) {
                    writeInterleaved(out, sweep);
                    continue;
                }
                for (TraceSpec t : sweep) {
                    int n = t.samples().length;
                    out.write(encode(t.samples(), 0, n, bytesPerSample() * n));
                }
            }
        }
    }

    /** All traces of a sweep in turn, {@code interleave} bytes of each, the last blocks padded (equal lengths). */
    private void writeInterleaved(OutputStream out, List<TraceSpec> sweep) throws IOException {
        int perBlock = interleave / bytesPerSample();
        int n = sweep.get(0).samples().length;
        for (int at = 0; at < n; at += perBlock) {
            for (TraceSpec t : sweep) {
                int k = Math.min(perBlock, n - at);
                out.write(encode(t.samples(), at, k, interleave));
            }
        }
    }

    private byte[] pulsed(List<SeriesSpec> series, long dataStart) {
        Tree t = new Tree(pulsedSizes);
        t.record(0, b -> put(b, 8, "v2x90.3", 32), 1);
        t.record(1, b -> put(b, 4, "E-1", 32), series.size());
        long at = dataStart;
        double time = 5289055136.0;
        for (SeriesSpec s : series) {
            t.record(2, b -> {
                put(b, 4, s.label(), 32);
                b.putDouble(136, 5289055136.0);
            }, s.sweeps().size());
            for (int k = 0; k < s.sweeps().size(); k++) {
                List<TraceSpec> sweep = s.sweeps().get(k);
                int count = k + 1;
                double swTime = time;
                t.record(3, b -> {
                    put(b, 4, "sweep " + count, 32);
                    b.putInt(40, s.stimulation());
                    b.putInt(44, count);
                    b.putDouble(48, swTime);
                }, sweep.size());
                time += 1.5;
                for (int c = 0; c < sweep.size(); c++) {
                    TraceSpec tr = sweep.get(c);
                    double start = xStart + k * xStartStep;
                    double offset0 = c < timeOffsets.length ? timeOffsets[c] : 0;
                    long offset = interleave > 0 ? at + (long) c * interleave : at;
                    int skip = interleave * sweep.size();
                    t.record(4, b -> {
                        put(b, 4, tr.label(), 32);
                        b.putInt(40, (int) offset);
                        b.putInt(44, tr.samples().length);
                        b.putShort(64, (short) (samples() == ByteOrder.LITTLE_ENDIAN ? 1 : 0));
                        b.put(68, (byte) tr.mode());
                        b.put(70, (byte) format);
                        b.putDouble(72, tr.scaler());
                        b.putDouble(80, offset0);
                        b.putDouble(88, zeroData);
                        b.putDouble(112, start == 0 ? 0 : start / HekaPulsed.secondsPer(xUnit));
                        put(b, 96, tr.unit(), 8);
                        b.putDouble(104, tr.dx() / HekaPulsed.secondsPer(xUnit));
                        put(b, 120, xUnit, 8);
                        if (b.capacity() - 4 >= 300) {
                            b.putInt(292, interleave > 0 ? interleave : fillerInterleave);
                            b.putInt(296, interleave > 0 ? skip : 0);
                        }
                        if (b.capacity() - 4 >= 416) {
                            b.putDouble(408, tr.holding());
                        }
                    }, 0);
                    if (interleave == 0) {
                        at += (long) bytesPerSample() * tr.samples().length;
                    }
                }
                if (interleave > 0) {
                    at += sweepBytes(sweep);
                }
            }
        }
        return t.bytes();
    }

    private byte[] stimulus(List<Stimulation> stims) {
        Tree t = new Tree(STIMULUS);
        t.record(0, b -> put(b, 8, "v2x90.3", 32), stims.size());
        for (Stimulation s : stims) {
            t.record(1, b -> {
                put(b, 4, s.name(), 32);
                b.putDouble(112, s.dt());
                b.putDouble(120, 1.0);
                b.putInt(144, s.sweeps());
            }, s.channels().size());
            for (Channel c : s.channels()) {
                t.record(2, b -> {
                    b.putInt(4, 1);
                    b.put(25, (byte) c.amplMode());
                    put(b, 40, c.dacUnit(), 8);
                    b.putDouble(48, c.holding());
                    b.putShort(76, (short) c.stimToDac());
                    if (square != null) {
                        b.putDouble(240, square[0]);
                        b.putDouble(144, square[1]);
                        b.putDouble(232, square[2]);
                        b.put(218, (byte) square[3]);
                    }
                }, c.segments().size());
                for (Segment g : c.segments()) {
                    t.record(3, b -> {
                        b.put(4, (byte) g.segmentClass());
                        b.put(5, (byte) g.storeKind());
                        b.put(6, (byte) g.incMode());
                        b.put(7, (byte) 0);
                        b.putDouble(8, g.value());
                        b.putInt(16, g.valueSource());
                        b.putDouble(20, 1.0);
                        b.putDouble(28, g.increment());
                        b.putDouble(36, g.duration());
                        b.putDouble(48, 1.0);
                    }, 0);
                }
            }
        }
        return t.bytes();
    }

    private static void item(ByteBuffer h, int i, long start, long length, String ext) {
        h.putInt(64 + 16 * i, (int) start);
        h.putInt(64 + 16 * i + 4, (int) length);
        put(h, 64 + 16 * i + 8, ext, 8);
    }

    private static void put(ByteBuffer b, int at, String s, int width) {
        byte[] t = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < width; i++) {
            b.put(at + i, i < t.length ? t[i] : 0);
        }
    }

    /** A tree written depth first: each record, then its child count. */
    private final class Tree {
        private final int[] sizes;
        private final List<byte[]> parts = new ArrayList<>();

        Tree(int[] sizes) {
            this.sizes = sizes;
            ByteBuffer head = ByteBuffer.allocate(8 + 4 * sizes.length).order(order);
            head.put(0, (order == ByteOrder.LITTLE_ENDIAN ? "eerT" : "Tree").getBytes(StandardCharsets.US_ASCII));
            head.putInt(4, sizes.length);
            for (int i = 0; i < sizes.length; i++) {
                head.putInt(8 + 4 * i, sizes[i]);
            }
            parts.add(head.array());
        }

        void record(int level, java.util.function.Consumer<ByteBuffer> fill, int children) {
            ByteBuffer b = ByteBuffer.allocate(sizes[level] + 4).order(order);
            fill.accept(b);
            b.putInt(sizes[level], children);
            parts.add(b.array());
        }

        byte[] bytes() {
            int n = parts.stream().mapToInt(p -> p.length).sum();
            ByteBuffer out = ByteBuffer.allocate(n);
            parts.forEach(out::put);
            return out.array();
        }
    }
}
