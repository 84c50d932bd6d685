package org.patchpinn.io;

import static org.patchpinn.io.HekaPulsed.f64;
import static org.patchpinn.io.HekaPulsed.i16;
import static org.patchpinn.io.HekaPulsed.i32;
import static org.patchpinn.io.HekaPulsed.text;
import static org.patchpinn.io.HekaPulsed.u16;
import static org.patchpinn.io.HekaPulsed.u8;

import java.util.ArrayList;
import java.util.List;

/**
 * The stimulus tree (.pgf) of a PatchMaster file as plain records: stimulations → DA channels → segments
 * (offsets as in HEKA's StimFile_v9 description). {@link HekaCommand} turns them into command waveforms.
 */
final class HekaStimulus {
    /** Segment classes (seClass). */
    static final int CONSTANT = 0;
    static final int RAMP = 1;
    static final int SQUARE = 4;
    static final List<String> SEGMENT_CLASSES =
            List.of("constant", "ramp", "continuous", "sine", "square", "chirp");

    /** chStimToDacID bits. */
    static final int USE_STIM_SCALE = 1;
    static final int USE_RELATIVE = 2;
    static final int USE_FILE_TEMPLATE = 4;

    /** chAmplMode: the amplifier mode a channel is meant for. */
    static final int AMPL_VC = 1;
    static final int AMPL_CC = 2;

    record Stimulation(String name, int dataStartSegment, double dataStartTime, double sampleInterval,
                       double sweepInterval, int numberSweeps, List<Channel> channels) { }

    record Channel(int linkedChannel, int adcChannel, int amplMode, int dacChannel, String dacUnit,
                   double holding, int stimToDac, Square square, List<Segment> segments) {
        boolean stimScale() { return (stimToDac & USE_STIM_SCALE) != 0; }

        boolean relative() { return (stimToDac & USE_RELATIVE) != 0; }

        boolean fileTemplate() { return (stimToDac & USE_FILE_TEMPLATE) != 0; }
    }

    /**
     * The square-wave settings of a DA channel (chSquare_*; amplitudes in the channel's unit, cycle in s). Read to
     * say what a square segment asks for; not rebuilt (see {@link HekaCommand}).
     */
    record Square(double positive, double negative, double cycle, double durationFactor, double baseIncrement,
                  int kind) { }

    /**
     * @param storeKind      0 not stored, 1 stored, 2 output on the first sweep only, 3 on the last only
     * @param voltageSource  0 the segment's own value, 1 the holding level, 2+ a protocol parameter
     * @param durationSource 0 the segment's own duration, 1+ a protocol parameter
     */
    record Segment(int segmentClass, int storeKind, int voltageIncMode, int durationIncMode, double voltage,
                   int voltageSource, double deltaVFactor, double deltaVIncrement, double duration,
                   int durationSource, double deltaTFactor, double deltaTIncrement) {
        String className() {
            return segmentClass >= 0 && segmentClass < SEGMENT_CLASSES.size()
                    ? SEGMENT_CLASSES.get(segmentClass) : "class " + segmentClass;
        }
    }

    private HekaStimulus() {
    }

    static List<Stimulation> parse(FileBytes f, HekaTree.Node root) {
        List<Stimulation> out = new ArrayList<>();
        for (HekaTree.Node s : root.children()) {
            List<Channel> channels = new ArrayList<>();
            for (HekaTree.Node c : s.children()) {
                List<Segment> segments = new ArrayList<>();
                for (HekaTree.Node g : c.children()) {
                    segments.add(new Segment(u8(f, g, 4, -1), u8(f, g, 5, 1), u8(f, g, 6, 0), u8(f, g, 7, 0),
                            f64(f, g, 8, Double.NaN), i32(f, g, 16, 0), f64(f, g, 20, 1), f64(f, g, 28, 0),
                            f64(f, g, 36, Double.NaN), i32(f, g, 44, 0), f64(f, g, 48, 1), f64(f, g, 56, 0)));
                }
                Square square = new Square(f64(f, c, 240, Double.NaN), f64(f, c, 144, Double.NaN),
                        f64(f, c, 232, Double.NaN), f64(f, c, 152, Double.NaN), f64(f, c, 224, Double.NaN),
                        u8(f, c, 218, -1));
                channels.add(new Channel(i32(f, c, 4, 0), i16(f, c, 20, -1), u8(f, c, 25, 0), i16(f, c, 28, -1),
                        text(f, c, 40, 8), f64(f, c, 48, 0), u16(f, c, 76, 0), square, List.copyOf(segments)));
            }
            out.add(new Stimulation(text(f, s, 4, 32), i32(f, s, 100, 0), f64(f, s, 104, 0),
                    f64(f, s, 112, Double.NaN), f64(f, s, 120, 0), i32(f, s, 144, 0), List.copyOf(channels)));
        }
        return List.copyOf(out);
    }
}
