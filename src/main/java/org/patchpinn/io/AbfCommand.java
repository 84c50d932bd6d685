package org.patchpinn.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.patchpinn.trace.Trace;

/**
 * The command (stimulus) waveform of every sweep for the one DAC a {@code Recording} carries: the first DAC
 * that plays a waveform, else the active DAC at its holding level. Sweeps with identical epochs share one
 * immutable trace. Where the waveform cannot be known (stimulus file missing, unknown epoch type, unreadable
 * holding level) the sweeps get no command and the recording a warning saying why.
 */
final class AbfCommand {
    /** The command DAC, its unit, one trace (or null) per sweep, and what went wrong. */
    record Result(AbfDac dac, List<Trace> perSweep, List<String> warnings) {
    }

    private AbfCommand() {
    }

    /** Index into {@code header.dacs()} of the DAC whose waveform the recording carries, -1 if none. */
    static int chooseDac(AbfHeader h) {
        List<AbfDac> dacs = h.dacs();
        for (int i = 0; i < dacs.size(); i++) {
            if (dacs.get(i).waveformEnabled() && dacs.get(i).waveformSource() != 0) {
                return i;
            }
        }
        if (h.activeDac() >= 0 && h.activeDac() < dacs.size()) {
            return h.activeDac();
        }
        return dacs.isEmpty() ? -1 : 0;
    }

    /**
     * pyABF's sweepC for one DAC and sweep, from the header alone: the holding level when no waveform is
     * enabled, the epoch waveform for source 1, null for a file stimulus (source 2) or an unknown source.
     */
    static float[] fromHeader(AbfHeader h, AbfDac dac, int sweep) {
        int n = h.sweepPoints();
        if (!dac.waveformEnabled() || dac.waveformSource() == 0) {
            float[] c = new float[n];
            Arrays.fill(c, (float) dac.holdingLevel());
            return c;
        }
        if (dac.waveformSource() == AbfDac.SOURCE_EPOCHS) {
            return AbfEpochWaveform.render(AbfEpochWaveform.segments(dac, n, sweep), n);
        }
        return null;
    }

    static Result build(Path file, AbfHeader h, boolean resolveStimulusFiles) {
        int sweeps = h.layout().sweepCount();
        int index = chooseDac(h);
        if (index < 0) {
            return new Result(null, Collections.nCopies(sweeps, null), List.of());
        }
        AbfDac dac = h.dacs().get(index);
        String label = "DAC " + dac.index() + " '" + dac.name() + "'";
        List<String> warnings = new ArrayList<>();
        List<Trace> traces;
        if (dac.waveformEnabled() && dac.waveformSource() == AbfDac.SOURCE_FILE) {
            traces = Collections.nCopies(sweeps, fromFile(file, h, dac, label, resolveStimulusFiles, warnings));
        } else if (dac.waveformEnabled() && dac.waveformSource() != 0
                && dac.waveformSource() != AbfDac.SOURCE_EPOCHS) {
            warnings.add(label + (dac.waveformSource() == AbfDac.SOURCE_UNREAD
                    ? " plays a waveform from an epoch table this reader does not read (ABF older than 1.6)"
                    : " plays a waveform from source " + dac.waveformSource() + ", which this reader cannot rebuild")
                    + "; the recording has no command waveform");
            traces = Collections.nCopies(sweeps, null);
        } else {
            traces = fromEpochs(h, dac, label, warnings);
        }
        return new Result(dac, traces, warnings);
    }

    /** Epoch-table (or holding-level) waveforms; sweeps without per-sweep changes share one trace. */
    private static List<Trace> fromEpochs(AbfHeader h, AbfDac dac, String label, List<String> warnings) {
        int sweeps = h.layout().sweepCount();
        List<Trace> traces = new ArrayList<>(sweeps);
        Map<List<AbfEpochWaveform.Segment>, Trace> shared = new HashMap<>();
        boolean undefined = false;
        for (int s = 0; s < sweeps; s++) {
            List<AbfEpochWaveform.Segment> key = dac.waveformEnabled()
                    ? AbfEpochWaveform.segments(dac, h.sweepPoints(), s) : List.of();
            final int sweep = s;
            // Rendered on first use: a file with a per-sweep protocol would otherwise allocate a dense command
            // per sweep (as many bytes as its samples) while reading, whether or not anyone looks at them.
            Trace t = shared.computeIfAbsent(key, k -> {
                boolean ok = dac.waveformEnabled() ? AbfEpochWaveform.defined(k) : Double.isFinite(dac.holdingLevel());
                return ok ? Trace.lazy(h.sweepPoints(), () -> fromHeader(h, dac, sweep)) : null;
            });
            undefined |= t == null;
            traces.add(t);
        }
        if (undefined) {
            warnings.add(label + ": the command waveform is undefined for some sweeps (unreadable holding level "
                    + "or an epoch type this reader does not know); those sweeps have no command waveform");
        }
        return traces;
    }

    private static Trace fromFile(Path file, AbfHeader h, AbfDac dac, String label, boolean resolve,
                                  List<String> warnings) {
        String stored = dac.stimulusFile();
        if (!resolve) {
            warnings.add("stimulus waveform file '" + stored + "' (" + label + ") not loaded: this file is itself a "
                    + "stimulus file");
            return null;
        }
        Optional<Path> found = AbfStimulusFile.locate(file, stored);
        if (found.isEmpty()) {
            List<Path> looked = AbfStimulusFile.places(file, stored);
            warnings.add("stimulus waveform file '" + stored + "' (" + label + ") is missing: looked at "
                    + (looked.isEmpty() ? "no place (no file name)" : looked.toString())
                    + (Boolean.getBoolean(AbfStimulusFile.ABSOLUTE_PROPERTY) ? ""
                    : "; the stored path is opened only with -D" + AbfStimulusFile.ABSOLUTE_PROPERTY + "=true")
                    + "; the recording has no command waveform");
            return null;
        }
        try {
            return Trace.wrap(AbfStimulusFile.load(found.get(), h.sweepPoints()));
        } catch (RecordingFormatException e) {
            warnings.add("stimulus waveform file " + found.get() + " (" + label + ") could not be read ("
                    + e.getMessage() + "); the recording has no command waveform");
            return null;
        }
    }
}
