package org.patchpinn.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The stimulus sets of an NWB file whose sweeps are not one recording: a file from an acquisition system such as
 * MIES (the Allen Institute's) holds every protocol run on a cell — long and short current steps, ramps, noise,
 * voltage-clamp seal tests — each sweep with its own length and often its own sample rate. Its responses are
 * grouped by clamp mode and {@code stimulus_description} (one set per protocol; split further where its sweeps
 * differ in length or rate), and one set is read as a recording, as one series of a HEKA bundle is.
 */
final class NwbStimulusSets {
    /**
     * A set's stimulus must hold one level at least this long (ms) for it to be a default choice: the steps that
     * summary statistics and fits are read on, not short pulses (3 ms "short squares"), ramps or noise.
     */
    static final double MIN_STEP_MS = 100;

    private NwbStimulusSets() {
    }

    /**
     * One stimulus set: responses of one clamp mode, stimulus description, length and rate, in file order.
     *
     * @param number counted from 1 in the order the sets first appear in the file
     */
    record StimulusSet(int number, String mode, String description, List<NwbReader.Series> responses) {
        /** "3 'X4PS_SupraThresh_DA_0' (CurrentClampSeries, 12 sweeps of 8.02 s at 50000 Hz)". */
        String describe(int sweeps) {
            NwbReader.Series s = responses.get(0);
            return String.format(Locale.ROOT, "%d '%s' (%s, %d sweep%s of %.3g s at %.0f Hz)", number, description,
                    mode, sweeps, sweeps == 1 ? "" : "s", s.length() / s.rateHz(), s.rateHz());
        }

        boolean currentClamp() {
            return !mode.equals("VoltageClampSeries");
        }
    }

    /** Whether every response has one clamp mode, one length and one rate: the whole file is one recording. */
    static boolean uniform(List<NwbReader.Series> responses) {
        NwbReader.Series first = responses.get(0);
        for (NwbReader.Series s : responses) {
            if (!mode(s).equals(mode(first)) || s.length() != first.length()
                    || Math.abs(s.rateHz() - first.rateHz()) > 1e-9 * first.rateHz()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The responses grouped into sets (clamp mode, stimulus description, sweep length and rate), numbered in file
     * order. A protocol's sweeps of another length — one stopped early when the cell was lost, or a protocol whose
     * sweeps grow — are a set of their own, so the others are still read as one recording, and the warning that
     * lists the sets names them (a HEKA series leaves such sweeps out with a warning, too).
     */
    static List<StimulusSet> of(List<NwbReader.Series> responses) {
        Map<String, List<NwbReader.Series>> groups = new LinkedHashMap<>();
        for (NwbReader.Series s : responses) {
            groups.computeIfAbsent(mode(s) + "\u0000" + s.description() + "\u0000" + s.length() + "\u0000"
                    + s.rateHz(), k -> new ArrayList<>()).add(s);
        }
        List<StimulusSet> out = new ArrayList<>();
        for (List<NwbReader.Series> g : groups.values()) {
            out.add(new StimulusSet(out.size() + 1, mode(g.get(0)), g.get(0).description(), List.copyOf(g)));
        }
        return out;
    }

    /**
     * The sets read as one recording. {@code wanted} names them, comma-separated, by number or description (case
     * ignored); they must share one clamp mode, sweep length and rate. By default: the current-clamp set whose
     * stimulus holds a step of at least {@link #MIN_STEP_MS} ({@code stepMs}, ms) with the most sweeps (ties: the
     * longer sweeps, then the earlier set), joined by every other such set of its length and rate — a cell's
     * subthreshold and suprathreshold steps are often two sets, and the fit needs both; without a step set, the
     * current-clamp set with the most sweeps, then any set.
     */
    static List<StimulusSet> choose(Path file, List<StimulusSet> sets, String wanted,
                                    ToDoubleFunction<StimulusSet> sweeps, ToDoubleFunction<StimulusSet> stepMs) {
        if (!wanted.isBlank()) {
            List<StimulusSet> out = new ArrayList<>();
            for (String name : wanted.split(",")) {
                StimulusSet s = named(file, sets, name.strip(), sweeps);
                if (!out.isEmpty() && !sameShape(s, out.get(0))) {
                    throw new RecordingFormatException(file, "stimulus sets " + out.get(0).describe(
                            (int) sweeps.applyAsDouble(out.get(0))) + " and " + s.describe((int) sweeps.applyAsDouble(s))
                            + " differ in clamp mode, sweep length or rate: they cannot be one recording");
                }
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
            return out;
        }
        StimulusSet primary = primary(sets, sweeps, stepMs);
        List<StimulusSet> out = new ArrayList<>();
        for (StimulusSet s : sets) {
            if (s == primary || (s.currentClamp() && sameShape(s, primary) && stepMs.applyAsDouble(primary)
                    >= MIN_STEP_MS && stepMs.applyAsDouble(s) >= MIN_STEP_MS)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The set of that number, or of that description (the one with the most sweeps where several share it). */
    private static StimulusSet named(Path file, List<StimulusSet> sets, String name,
                                     ToDoubleFunction<StimulusSet> sweeps) {
        StimulusSet described = null;
        for (StimulusSet s : sets) {
            if (name.equals(Integer.toString(s.number()))) {
                return s;
            }
            if (name.equalsIgnoreCase(s.description())
                    && (described == null || sweeps.applyAsDouble(s) > sweeps.applyAsDouble(described))) {
                described = s;
            }
        }
        if (described != null) {
            return described;
        }
        throw new RecordingFormatException(file, "no stimulus set '" + name + "'; the file holds "
                + listing(sets, sweeps));
    }

    private static boolean sameShape(StimulusSet a, StimulusSet b) {
        NwbReader.Series x = a.responses().get(0);
        NwbReader.Series y = b.responses().get(0);
        return a.mode().equals(b.mode()) && x.length() == y.length()
                && Math.abs(x.rateHz() - y.rateHz()) <= 1e-9 * y.rateHz();
    }

    private static StimulusSet primary(List<StimulusSet> sets, ToDoubleFunction<StimulusSet> sweeps,
                                       ToDoubleFunction<StimulusSet> stepMs) {
        StimulusSet best = null;
        int bestRank = -1;
        for (StimulusSet s : sets) {
            int rank = !s.currentClamp() ? 0 : stepMs.applyAsDouble(s) >= MIN_STEP_MS ? 2 : 1;
            if (best == null || rank > bestRank || (rank == bestRank && more(s, best, sweeps))) {
                best = s;
                bestRank = rank;
            }
        }
        return best;
    }

    private static boolean more(StimulusSet s, StimulusSet than, ToDoubleFunction<StimulusSet> sweeps) {
        double d = sweeps.applyAsDouble(s) - sweeps.applyAsDouble(than);
        if (d != 0) {
            return d > 0;
        }
        NwbReader.Series a = s.responses().get(0);
        NwbReader.Series b = than.responses().get(0);
        return a.length() / a.rateHz() > b.length() / b.rateHz();
    }

    /** "1 'A' (…), 2 'B' (…)". */
    static String listing(List<StimulusSet> sets, ToDoubleFunction<StimulusSet> sweeps) {
        List<String> parts = new ArrayList<>();
        for (StimulusSet s : sets) {
            parts.add(s.describe((int) sweeps.applyAsDouble(s)));
        }
        return String.join(", ", parts);
    }

    /**
     * The longest stretch (ms) over which {@code c} holds one level other than its first sample's (within 0.2 % of
     * its range, a digital command's steps being exact and a ramp's runs short): a step's duration; 0 for a ramp, noise or a trace that never leaves holding.
     */
    static double longestFlatMs(float[] c, double rateHz) {
        if (c.length == 0) {
            return 0;
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : c) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double tol = Math.max(1e-12, 0.002 * (max - min));
        int longest = 0;
        int from = 0;
        for (int i = 1; i <= c.length; i++) {
            if (i == c.length || Math.abs(c[i] - c[from]) > tol) {
                if (Math.abs(c[from] - c[0]) > tol) {
                    longest = Math.max(longest, i - from);
                }
                from = i;
            }
        }
        return longest * 1000.0 / rateHz;
    }

    /** Current clamp (I = 0 included) or voltage clamp: the two kinds of recording a set can be. */
    private static String mode(NwbReader.Series s) {
        return s.type().equals("IZeroClampSeries") ? "CurrentClampSeries" : s.type();
    }
}
