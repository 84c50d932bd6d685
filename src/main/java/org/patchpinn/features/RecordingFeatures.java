package org.patchpinn.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.PatchPinnException;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.ClampMode;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Units;

/**
 * Summary statistics of a current-clamp recording: the features of chosen sweeps, each sweep's step
 * amplitude, and the cell's properties. The stimulus window is the one most sweeps' command waveforms agree
 * on ({@link StimulusWindows#common}), unless the caller gives one.
 */
public final class RecordingFeatures {
    private final List<Integer> sweepIndices;
    private final List<SweepFeatures> sweeps;
    private final double[] stimulusPa;
    private final StimulusWindow window;
    private final boolean windowFromCommand;
    private final CellFeatures cell;
    private final int voltageChannel;
    /** The hyperpolarising pulses of each measured sweep ({@link PassiveSteps}), for {@link CellFeatures#withPulses}. */
    private final List<List<PassiveSteps.Step>> pulses;

    private RecordingFeatures(List<Integer> sweepIndices, List<SweepFeatures> sweeps, double[] stimulusPa,
                              StimulusWindow window, boolean windowFromCommand, int voltageChannel,
                              List<List<PassiveSteps.Step>> pulses, Set<Integer> notPassive) {
        this.sweepIndices = List.copyOf(sweepIndices);
        this.sweeps = List.copyOf(sweeps);
        this.stimulusPa = stimulusPa.clone();
        this.window = window;
        this.windowFromCommand = windowFromCommand;
        this.voltageChannel = voltageChannel;
        this.pulses = List.copyOf(pulses);
        List<PassiveSteps.Step> measured = new ArrayList<>();
        for (int i = 0; i < pulses.size(); i++) {
            if (!notPassive.contains(i)) {
                measured.addAll(pulses.get(i));
            }
        }
        this.cell = CellFeatures.of(sweeps, stimulusPa, notPassive).withPulses(measured);
    }

    /**
     * The same measurement with the recording's sweeps {@code unresponsive} (steps that never reached the cell)
     * left out of the cell's passive properties ({@link CellFeatures#of(List, double[], Set)}); this when none
     * was measured here.
     */
    public RecordingFeatures withoutPassive(Collection<Integer> unresponsive) {
        Set<Integer> positions = new HashSet<>();
        for (int i = 0; i < sweepIndices.size(); i++) {
            if (unresponsive.contains(sweepIndices.get(i))) {
                positions.add(i);
            }
        }
        return positions.isEmpty() ? this : new RecordingFeatures(sweepIndices, sweeps, stimulusPa, window,
                windowFromCommand, voltageChannel, pulses, positions);
    }

    /**
     * @param sweepList sweeps to measure (empty: all)
     * @param override  stimulus window to use instead of the command's, or null
     * @throws NotCurrentClampException for voltage-clamp recordings and recordings without a voltage channel
     * @throws PatchPinnException       when no stimulus window can be found or the given one is impossible
     */
    public static RecordingFeatures analyse(Recording r, List<Integer> sweepList, SpikeDetectionSettings settings,
                                            StimulusWindow override, Progress progress) {
        return analyse(r, sweepList, settings, override, 0, progress);
    }

    /**
     * As {@link #analyse(Recording, List, SpikeDetectionSettings, StimulusWindow, Progress)} on the voltage less a
     * liquid-junction potential {@code ljpMv} (mV), as the fit's {@code --ljp_mv} corrects it: the absolute levels
     * (spike detection's peaks, voltage_base, an edge transient's -20 mV) are those of the corrected membrane.
     */
    public static RecordingFeatures analyse(Recording r, List<Integer> sweepList, SpikeDetectionSettings settings,
                                            StimulusWindow override, double ljpMv, Progress progress) {
        int channel = checkCurrentClamp(r);
        List<Integer> indices = sweepList.isEmpty()
                ? IntStream.range(0, r.sweepCount()).boxed().toList() : sweepList;
        for (int k : indices) {
            if (k >= r.sweepCount()) {
                throw new InvalidParameterException("sweeps", "sweep " + k + " does not exist; " + r.name()
                        + " has sweeps 0-" + (r.sweepCount() - 1));
            }
        }
        double dt = r.dtMs();
        double lengthMs = r.sweepLength() * dt;
        StimulusWindow window = override;
        boolean steps = true;
        if (window == null) {
            if (!r.hasCommand()) {
                throw new PatchPinnException(r.name() + ": the recording has no stimulus waveform; give the "
                        + "stimulus window (stim_start_ms, stim_end_ms)");
            }
            // the protocol's window is read from every sweep, as the fit reads it, not only from those measured
            List<double[]> commands = new ArrayList<>();
            for (int k = 0; k < r.sweepCount(); k++) {
                commands.add(r.sweep(k).command().toDoubleArray());
            }
            window = StimulusWindows.common(commands, dt);
            if (window == null) {
                throw new PatchPinnException(r.name() + ": the stimulus never leaves the holding level in the "
                        + "chosen sweeps; give the stimulus window (stim_start_ms, stim_end_ms)");
            }
            // a ramp's mean is no step amplitude: such a protocol gets no F-I curve and no rheobase
            steps = StimulusWindows.stepsIn(commands, dt, window);
        } else if (window.startMs() >= lengthMs) {
            throw new InvalidParameterException("stim_start_ms", window.startMs() + " ms is after the end of the "
                    + "sweeps (" + lengthMs + " ms)");
        }
        double mvScale = Units.toMillivolts(r.channel(channel).unit());
        double paScale = r.hasCommand() ? Units.toPicoamperes(r.commandUnit()) : Double.NaN;
        SweepFeatureExtractor extractor = new SweepFeatureExtractor(settings);
        List<SweepFeatures> out = new ArrayList<>();
        List<List<PassiveSteps.Step>> pulses = new ArrayList<>();
        double[] amplitudes = new double[indices.size()];
        for (int i = 0; i < indices.size(); i++) {
            progress.checkCancelled();
            progress.status("features of sweep " + indices.get(i));
            progress.fraction(i / (double) indices.size());
            Sweep s = r.sweep(indices.get(i));
            double[] v = TraceMath.lessOffset(s.channel(channel).toDoubleArray(mvScale), ljpMv);
            amplitudes[i] = Double.isNaN(paScale) || !s.hasCommand() || !steps ? Double.NaN
                    : StimulusWindows.amplitude(s.command().toDoubleArray(), dt, window) * paScale;
            List<PassiveSteps.Step> sweepPulses = List.of();
            if (!Double.isNaN(paScale) && s.hasCommand()) {
                // an electrode's swing across the threshold at a step's edge is no action potential
                double[] c = s.command().toDoubleArray(paScale);
                v = EdgeTransients.removed(v, c, dt);
                sweepPulses = PassiveSteps.of(v, c, dt).steps();
            }
            pulses.add(sweepPulses);
            out.add(extractor.extract(v, dt, window, amplitudes[i]));
        }
        progress.fraction(1);
        return new RecordingFeatures(indices, out, amplitudes, window, override == null, channel, pulses, Set.of());
    }

    /** The voltage channel to measure; refuses voltage-clamp recordings with a message saying why. */
    static int checkCurrentClamp(Recording r) {
        if (r.clampMode() == ClampMode.VOLTAGE_CLAMP) {
            String how = r.commandUnit().isEmpty() ? "it records " + r.channel(0).unit()
                    : "it records " + r.channel(0).unit() + " under a " + r.commandUnit() + " command";
            throw new NotCurrentClampException(r.name() + " is a voltage-clamp recording (" + how + "); summary "
                    + "statistics need a current-clamp recording of the membrane voltage");
        }
        int channel = r.firstVoltageChannel();
        if (channel < 0) {
            throw new NotCurrentClampException(r.name() + " has no voltage channel (units: "
                    + r.channels().stream().map(c -> c.unit()).toList() + "); summary statistics need the "
                    + "membrane voltage of a current-clamp recording");
        }
        if (r.sweepCount() == 0) {
            throw new PatchPinnException(r.name() + " has no sweeps");
        }
        return channel;
    }

    public List<Integer> sweepIndices() {
        return sweepIndices;
    }

    public List<SweepFeatures> sweeps() {
        return sweeps;
    }

    /**
     * Step amplitude (pA, relative to holding) of each analysed sweep; NaN when the stimulus is unknown or is no step
     * (a ramp protocol, {@link StimulusWindows#stepWindow}).
     */
    public double[] stimulusPa() {
        return stimulusPa.clone();
    }

    public StimulusWindow window() {
        return window;
    }

    /** Whether the window came from the command waveform (false: given by the user). */
    public boolean windowFromCommand() {
        return windowFromCommand;
    }

    public CellFeatures cell() {
        return cell;
    }

    public int voltageChannel() {
        return voltageChannel;
    }
}
