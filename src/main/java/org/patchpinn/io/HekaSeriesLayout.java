package org.patchpinn.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.patchpinn.numeric.Numbers;

/**
 * Which sweeps and traces of a PatchMaster series make one recording. A recording's sweeps share one length and
 * one set of channels (the fitters, the ATF writer and the NWB reader all rely on it), while a series may hold
 * sweeps that differ: the last sweep stopped early, a protocol whose sweeps grow, a sweep with other traces. The
 * first sweep sets the layout: its traces sampled like its first trace, at its first trace's length, are the
 * channels; a later sweep is read when it holds each of them at the same place, with the same label, interval
 * and length. Other sweeps are left out, and the warning names each with its reason; nothing is cut or padded.
 */
final class HekaSeriesLayout {
    /** Sweeps named one by one with their reason in the warning; the rest are only counted and numbered. */
    private static final int REASONS_SHOWN = 5;

    /**
     * @param sweeps   the sweeps read, in file order
     * @param numbers  their numbers in the series, counted from 1
     * @param channels the places (in the first sweep's traces) of the traces read as channels
     * @param warnings what was left out and why
     */
    record Selection(List<HekaPulsed.Sweep> sweeps, List<Integer> numbers, List<Integer> channels,
                     List<String> warnings) { }

    private HekaSeriesLayout() {
    }

    /**
     * @param where    how the warnings name the series, e.g. "cell.dat series 1.2"
     * @param numbers  each sweep's number in the series (1-based, counting sweeps left out before)
     * @param sweeps   the series' sweeps that hold samples, not empty; the first sets the layout
     */
    static Selection select(String where, List<Integer> numbers, List<HekaPulsed.Sweep> sweeps) {
        List<String> warnings = new ArrayList<>();
        HekaPulsed.Sweep first = sweeps.get(0);
        HekaPulsed.TraceRecord lead = first.traces().get(0);
        double dx = lead.xInterval();
        int length = lead.points();
        List<Integer> channels = new ArrayList<>();
        for (int c = 0; c < first.traces().size(); c++) {
            HekaPulsed.TraceRecord t = first.traces().get(c);
            if (!sameInterval(t.xInterval(), dx)) { // NaN too: a trace along another abscissa
                warnings.add("trace '" + t.label() + "' is sampled every " + t.xInterval() + " s ("
                        + (t.xUnit().isEmpty() ? "s" : t.xUnit()) + "), not every " + dx
                        + " s like the first trace: left out");
            } else if (t.points() != length) {
                warnings.add("trace '" + t.label() + "' holds " + t.points() + " samples in the first sweep, the "
                        + "first trace " + length + ": left out (the channels of a recording share one length)");
            } else {
                channels.add(c);
            }
        }
        List<HekaPulsed.Sweep> kept = new ArrayList<>(List.of(first));
        List<Integer> keptNumbers = new ArrayList<>(List.of(numbers.get(0)));
        List<String> reasons = new ArrayList<>();
        List<Integer> left = new ArrayList<>();
        List<Integer> extra = new ArrayList<>();
        for (int k = 1; k < sweeps.size(); k++) {
            HekaPulsed.Sweep sw = sweeps.get(k);
            String why = difference(sw, first, channels, dx, length);
            if (why == null) {
                kept.add(sw);
                keptNumbers.add(numbers.get(k));
                if (sw.traces().size() > first.traces().size()) {
                    extra.add(numbers.get(k));
                }
            } else {
                left.add(numbers.get(k));
                if (reasons.size() < REASONS_SHOWN) {
                    reasons.add(numbers.get(k) + " (" + why + ")");
                }
            }
        }
        if (!left.isEmpty()) {
            String more = left.size() > REASONS_SHOWN ? "; " + (left.size() - REASONS_SHOWN) + " more: sweeps "
                    + Numbers.ranges(left.subList(REASONS_SHOWN, left.size())) : "";
            warnings.add(String.format(Locale.ROOT, "%s: %d of %d sweeps left out, their traces differ from the "
                            + "first sweep's (%d samples of %s): sweep %s%s. The sweeps of a recording share one "
                            + "length and one set of channels; none is cut or padded", where, left.size(),
                    sweeps.size(), length, labels(first, channels), String.join(", ", reasons), more));
        }
        if (!extra.isEmpty()) {
            warnings.add(where + ": sweep(s) " + Numbers.ranges(extra) + " hold more traces than the first sweep; only "
                    + "the first sweep's traces are read");
        }
        return new Selection(List.copyOf(kept), List.copyOf(keptNumbers), List.copyOf(channels),
                List.copyOf(warnings));
    }

    /** Why sweep {@code sw} does not hold the first sweep's channels as they are, or null when it does. */
    private static String difference(HekaPulsed.Sweep sw, HekaPulsed.Sweep first, List<Integer> channels,
                                     double dx, int length) {
        if (sw.traces().size() < first.traces().size()) {
            return sw.traces().size() + " trace(s), the first sweep " + first.traces().size();
        }
        for (int c : channels) {
            HekaPulsed.TraceRecord t = sw.traces().get(c);
            String label = first.traces().get(c).label();
            if (!t.label().equals(label)) {
                return "trace " + (c + 1) + " is '" + t.label() + "', in the first sweep '" + label + "'";
            }
            if (!sameInterval(t.xInterval(), dx)) {
                return "'" + label + "' sampled every " + t.xInterval() + " s, not " + dx + " s";
            }
            if (t.points() != length) {
                return "'" + label + "' has " + t.points() + " samples";
            }
        }
        return null;
    }

    private static boolean sameInterval(double a, double dx) {
        return Math.abs(a - dx) <= 1e-9 * dx;
    }

    private static String labels(HekaPulsed.Sweep first, List<Integer> channels) {
        List<String> out = new ArrayList<>();
        for (int c : channels) {
            out.add("'" + first.traces().get(c).label() + "'");
        }
        return String.join(", ", out);
    }
}
