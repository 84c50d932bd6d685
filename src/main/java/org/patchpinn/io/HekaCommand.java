package org.patchpinn.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.patchpinn.trace.Trace;

/**
 * Rebuilds the command waveform of each sweep of a series from the stimulus tree: the DA channel with the
 * standard stimulus scaling for the series' clamp mode, its segments (constant and ramp) with their
 * per-sweep increments (increase, decrease, alternate; logarithmic modes only with a factor of 1, where both
 * of HEKA's formulas agree), the holding level and "relative to holding". Only stored segments appear in the
 * trace, as in the recorded data. Anything else (parameters, file templates, sine/square/chirp segments,
 * interleaved orders, a sample count that does not match the data) is reported and gives no command: the
 * waveform is never guessed. Square-wave segments are named with their channel's settings (peak, negative
 * amplitude, cycle, duration factor, base increment, kind) but not rebuilt: the one public reader that draws
 * them (ipfx's hr_stimsetgenerator) handles a single case and ignores the segment's level and the negative
 * amplitude; myokit, load-heka-python and HEKA_Patchmaster_Importer rebuild none, HEKA's StimFile description
 * gives only the fields' places, and no test recording holds one to check a rebuild against.
 *
 * <p>Units: voltage-clamp amplitudes are in V (given in mV). Current-clamp amplitudes are stored in the
 * channel's unit "A" but in nA (PatchMaster's convention, which myokit, ipfx and patchview follow); when the
 * trace records its holding current in A (TrTrHolding), the convention is checked against it.
 */
final class HekaCommand {
    /** What was rebuilt: one lazy trace per sweep, or none and the reason. */
    record Result(List<Trace> perSweep, String unit, String stimulation, String problem, List<String> notes) {
        boolean ok() {
            return problem == null;
        }
    }

    /** One piece of a sweep's command: {@code samples} samples going linearly from {@code from} to {@code to}. */
    private record Piece(int samples, double from, double to) { }

    private static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private HekaCommand() {
    }

    /**
     * @param sweeps the series' sweeps (their first trace fixes clamp mode, sample interval and length)
     * @param stims  the stimulations of the stimulus tree (empty when the file has none)
     */
    static Result build(List<HekaPulsed.Sweep> sweeps, List<HekaStimulus.Stimulation> stims) {
        List<String> notes = new ArrayList<>();
        try {
            if (stims.isEmpty()) {
                throw new Unsupported("the file has no stimulus tree (.pgf)");
            }
            List<Trace> out = new ArrayList<>(sweeps.size());
            String unit = null;
            String name = null;
            for (int k = 0; k < sweeps.size(); k++) {
                HekaPulsed.Sweep sw = sweeps.get(k);
                if (sw.traces().isEmpty()) {
                    throw new Unsupported("sweep " + k + " has no traces");
                }
                HekaPulsed.TraceRecord first = sw.traces().get(0);
                if (sw.stimIndex() < 1 || sw.stimIndex() > stims.size()) {
                    throw new Unsupported("sweep " + k + " refers to stimulation " + sw.stimIndex() + " of "
                            + stims.size());
                }
                HekaStimulus.Stimulation st = stims.get(sw.stimIndex() - 1);
                HekaStimulus.Channel ch = channel(st, first);
                String u = ch.amplMode() == HekaStimulus.AMPL_CC || ch.dacUnit().equals("A") ? "pA" : "mV";
                if (unit != null && !unit.equals(u)) {
                    throw new Unsupported("the sweeps' stimuli mix voltage and current commands");
                }
                unit = u;
                name = st.name();
                double scale = u.equals("mV") ? 1e3 : currentScale(ch, first, notes);
                int n = st.numberSweeps() > 0 ? st.numberSweeps() : sweeps.size();
                int index = sw.sweepCount() >= 1 && sw.sweepCount() <= n ? sw.sweepCount() - 1 : k;
                List<Piece> pieces = pieces(st, ch, first, index, n, scale);
                int points = first.points();
                out.add(Trace.lazy(points, () -> render(pieces, points)));
            }
            return new Result(List.copyOf(out), unit, name, null, List.copyOf(notes));
        } catch (Unsupported e) {
            return new Result(null, "", stims.isEmpty() ? "" : null, e.getMessage(), List.copyOf(notes));
        }
    }

    /** The DA channel that drives the amplifier in the trace's clamp mode. */
    private static HekaStimulus.Channel channel(HekaStimulus.Stimulation st, HekaPulsed.TraceRecord trace)
            throws Unsupported {
        boolean cc = trace.mode().equals("CClamp");
        boolean vc = List.of("WholeCell", "VClamp", "OnCell", "InOut", "OutOut").contains(trace.mode());
        HekaStimulus.Channel pick = null;
        for (HekaStimulus.Channel c : st.channels()) {
            if (!c.stimScale()) {
                continue;
            }
            boolean fitsCc = c.amplMode() == HekaStimulus.AMPL_CC && c.dacUnit().equals("A");
            boolean fitsVc = c.amplMode() == HekaStimulus.AMPL_VC && c.dacUnit().equals("V");
            boolean anyMode = c.amplMode() == 0 && (cc ? c.dacUnit().equals("A") : c.dacUnit().equals("V"));
            if ((cc && fitsCc) || (vc && fitsVc) || anyMode) {
                pick = c;
                break;
            }
        }
        if (pick == null) {
            throw new Unsupported("stimulation '" + st.name() + "' has no DA channel with the standard stimulus "
                    + "scaling for " + trace.mode() + " mode");
        }
        if (pick.fileTemplate()) {
            throw new Unsupported("stimulation '" + st.name() + "' plays a file template");
        }
        if (st.dataStartSegment() != 0 || st.dataStartTime() != 0) {
            throw new Unsupported("stimulation '" + st.name() + "' starts storing data at segment "
                    + st.dataStartSegment() + " + " + st.dataStartTime() + " s");
        }
        if (!(st.sampleInterval() > 0)
                || Math.abs(st.sampleInterval() - trace.xInterval()) > 1e-6 * trace.xInterval()) {
            throw new Unsupported("stimulation '" + st.name() + "' samples every " + st.sampleInterval()
                    + " s, the data every " + trace.xInterval() + " s");
        }
        return pick;
    }

    /** pA per stored unit of a current-clamp channel: nA by convention, checked against the trace's holding. */
    private static double currentScale(HekaStimulus.Channel ch, HekaPulsed.TraceRecord trace, List<String> notes)
            throws Unsupported {
        double traceHoldingA = trace.holding();
        if (Double.isFinite(traceHoldingA) && traceHoldingA != 0 && ch.holding() != 0) {
            double ratio = traceHoldingA / ch.holding();
            if (Math.abs(ratio / 1e-9 - 1) < 1e-3) {
                return 1e3;
            }
            if (Math.abs(ratio - 1) < 1e-3) {
                return 1e12;
            }
            throw new Unsupported(String.format(Locale.ROOT, "the stimulus holding level %g does not match the "
                    + "trace's holding current %g A in nA or A", ch.holding(), traceHoldingA));
        }
        String note = "current-clamp stimulus amplitudes read in nA (PatchMaster's convention; not checked: "
                + "the holding current is zero)";
        if (!notes.contains(note)) {
            notes.add(note);
        }
        return 1e3;
    }

    private static List<Piece> pieces(HekaStimulus.Stimulation st, HekaStimulus.Channel ch,
                                      HekaPulsed.TraceRecord trace, int index, int n, double scale)
            throws Unsupported {
        double dt = st.sampleInterval();
        List<Piece> pieces = new ArrayList<>();
        double level = ch.holding() * scale;
        int total = 0;
        int segNo = 0;
        for (HekaStimulus.Segment s : ch.segments()) {
            segNo++;
            String where = "stimulation '" + st.name() + "' segment " + segNo;
            if (s.durationSource() != 0) {
                throw new Unsupported(where + " takes its duration from a protocol parameter");
            }
            double duration = stepped(s.duration(), s.deltaTIncrement(), s.deltaTFactor(), s.durationIncMode(),
                    index, n, where + " duration");
            if (!(duration >= 0) || duration > 1e6) {
                throw new Unsupported(where + " has an impossible duration " + duration + " s");
            }
            boolean output = switch (s.storeKind()) {
                case 2 -> index == 0;
                case 3 -> index == n - 1;
                default -> true;
            };
            boolean stored = s.storeKind() == 1;
            if (!output) {
                continue;
            }
            double value;
            if (s.voltageSource() == 1) {
                value = ch.holding();
            } else if (s.voltageSource() == 0) {
                value = stepped(s.voltage(), s.deltaVIncrement(), s.deltaVFactor(), s.voltageIncMode(), index, n,
                        where + " amplitude");
                if (ch.relative()) {
                    value += ch.holding();
                }
            } else {
                throw new Unsupported(where + " takes its amplitude from a protocol parameter");
            }
            if (!Double.isFinite(value)) {
                throw new Unsupported(where + " has an amplitude that is not a number");
            }
            value *= scale;
            long samples = Math.round(duration / dt);
            if (samples > Integer.MAX_VALUE - total) {
                throw new Unsupported(where + " is too long");
            }
            double from = switch (s.segmentClass()) {
                case HekaStimulus.CONSTANT -> value;
                case HekaStimulus.RAMP -> level;
                case HekaStimulus.SQUARE -> throw new Unsupported(where + " is a square-wave segment ("
                        + describe(ch.square(), ch.dacUnit()) + "), which is not rebuilt: no reference reader or "
                        + "recording shows how PatchMaster combines these settings with the segment's own level");
                default -> throw new Unsupported(where + " is a " + s.className()
                        + " segment, which is not rebuilt");
            };
            if (stored && samples > 0) {
                pieces.add(new Piece((int) samples, from, value));
                total += (int) samples;
            }
            level = value;
        }
        int points = trace.points();
        // Rounding each segment's duration to samples may differ from PatchMaster's by a sample per segment.
        if (Math.abs(total - points) > Math.max(1, pieces.size())) {
            throw new Unsupported("stimulation '" + st.name() + "' gives " + total + " stored samples per sweep, "
                    + "the data has " + points);
        }
        return List.copyOf(pieces);
    }

    /** A channel's square-wave settings as stored, for the message that says why they are not rebuilt. */
    static String describe(HekaStimulus.Square q, String unit) {
        return String.format(Locale.ROOT, "peak %g %s, negative %g %s, cycle %g s, duration factor %g, "
                        + "base increment %g %s, kind %d", q.positive(), unit, q.negative(), unit, q.cycle(),
                q.durationFactor(), q.baseIncrement(), unit, q.kind());
    }

    /**
     * The value of a segment amplitude or duration in sweep {@code index} of {@code n}: {@code base + j·inc}
     * with j the sweep's place in the increment order.
     */
    static double stepped(double base, double inc, double factor, int mode, int index, int n, String what)
            throws Unsupported {
        if (inc == 0 && factor == 1) {
            return base;
        }
        if (mode >= 5 && factor != 1) {
            throw new Unsupported(what + " uses a logarithmic increment with factor " + factor);
        }
        if (mode < 5 && factor != 1) {
            throw new Unsupported(what + " uses an increment factor " + factor);
        }
        int j = switch (mode) {
            case 0, 5 -> index;
            case 1, 6 -> n - 1 - index;
            case 4 -> index % 2 == 0 ? index / 2 : n - 1 - index / 2;
            default -> throw new Unsupported(what + " uses the interleaved or log-alternate increment mode " + mode);
        };
        return base + j * inc;
    }

    private static float[] render(List<Piece> pieces, int points) {
        float[] out = new float[points];
        int at = 0;
        double last = pieces.isEmpty() ? 0 : pieces.get(0).from();
        for (Piece p : pieces) {
            int n = Math.min(p.samples(), points - at);
            for (int i = 0; i < n; i++) {
                out[at + i] = (float) (p.from() == p.to() ? p.to()
                        : p.from() + (p.to() - p.from()) * i / p.samples());
            }
            at += n;
            last = p.to();
        }
        for (int i = at; i < points; i++) {
            out[i] = (float) last;
        }
        return out;
    }
}
