package org.patchpinn.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patchpinn.PatchPinnException;
import org.patchpinn.numeric.Median;
import org.patchpinn.numeric.Numbers;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.CurrentClampSweep;
import org.patchpinn.trace.Recording;

/**
 * Finds the artefacts of a real current-clamp recording that a model must not be fitted to, per sweep:
 * the bridge-balance error ({@link BridgeBalance}), baseline drift across sweeps, mains hum ({@link MainsHum})
 * and depolarisation block ({@link DepolarisationBlock}). Nothing is changed here: the caller removes the bridge
 * error and a liquid-junction potential with {@link RecordingArtefacts#correctedVoltage}, and leaves flagged
 * sweeps out or weighs them down.
 */
public final class ArtefactDetector {
    /** An Rs above this fraction of the input resistance is flagged. */
    public static final double BRIDGE_LIMIT_FRACTION = 0.05;
    /** A baseline further than this from the first sweep's is flagged (mV). */
    public static final double DRIFT_LIMIT_MV = 3;
    /**
     * A median baseline above this (mV) is flagged: no healthy neuron rests there, so the cell is damaged or the
     * voltage carries an offset (junction potential, amplifier offset) that a fit would read as the cell's rest.
     */
    public static final double DEPOLARISED_BASELINE_MV = -30;
    /** Hum above this amplitude is flagged (mV). */
    public static final double HUM_LIMIT_MV = 0.5;
    /** ... and exceeds this multiple of the broadband floor beside the mains frequencies ({@link MainsHum}). */
    static final double HUM_OVER_FLOOR = 2;
    /** Sweeps count for the recording's Rs when their largest measured step is at least this fraction of the
     *  recording's largest (and at least {@link #MIN_BRIDGE_STEP_PA}): small steps give noisy ratios. */
    static final double BRIDGE_STEP_FRACTION = 0.25;
    /**
     * Rs read on the stretch after the edge and on the next one differ by more than this fraction of the input
     * resistance: the electrode has not settled where the jump is read (a sharp electrode's slow transient), the
     * reading is no Rs, and none is subtracted. Measured: 96711008.abf (a real CA1 cell, sharp electrode) −14.1 and
     * −0.8 MΩ on its 30 edges (Rin 49 MΩ); the public whole-cell recordings 2–5 % of their input resistance apart.
     */
    static final double UNSETTLED_BRIDGE_FRACTION = 0.1;
    /**
     * A step that moves V by less than this fraction of what the recording's other steps say it should (their
     * median ΔV/ΔI) never reached the cell: in 97509008.abf (a real CA1 interneuron) the nine steps from −2000 to
     * −400 pA leave V within 1 mV of rest while −200 pA moves it 14 mV. Read as a passive response, such sweeps give
     * a negative or near-zero input resistance; fitted, a model told −2 nA.
     */
    static final double NO_RESPONSE_FRACTION = 0.1;
    /** Steps whose V moves at least this much (mV) set the expected response of the others. */
    static final double RESPONSE_MIN_MV = 2;
    static final double MIN_BRIDGE_STEP_PA = 20;
    /** A quiet stretch at the holding level starts this long after the command returns to it (ms): the
     *  membrane relaxes. */
    static final double SETTLE_AFTER_STIMULUS_MS = 100;
    /** Samples this close to a command edge (ms) are not baseline. */
    static final double EDGE_MARGIN_MS = 1;
    /** Around a spike, from this long before its onset to this long after its peak, V is not quiet (ms). */
    static final double SPIKE_BEFORE_MS = 2;
    static final double SPIKE_AFTER_MS = 30;
    /** Fewest samples for a baseline median. */
    static final int MIN_BASELINE_SAMPLES = 20;

    private ArtefactDetector() {
    }

    /**
     * Analyses every sweep; the input resistance that the bridge error is compared with comes from the
     * recording's features ({@link RecordingFeatures}; not compared when that fails).
     *
     * @throws NotCurrentClampException for voltage-clamp recordings and recordings without a voltage channel
     * @throws PatchPinnException       when the recording has no command waveform or it is not a current
     */
    public static RecordingArtefacts analyse(Recording r) {
        return analyseCorrected(r, 0);
    }

    /**
     * As {@link #analyse(Recording)} on the voltage a fit sees, a liquid-junction potential {@code ljpMv} (mV)
     * subtracted: the absolute levels (a depolarised baseline, the spike threshold an edge transient crosses) are
     * judged after the correction the user asked for, differences (the bridge jump, drift, hum) are unchanged.
     */
    public static RecordingArtefacts analyseCorrected(Recording r, double ljpMv) {
        RecordingFeatures.checkCurrentClamp(r);
        requireCommand(r);
        double rin;
        try {
            rin = RecordingFeatures.analyse(r, List.of(), SpikeDetectionSettings.defaults(), null, Progress.NONE)
                    .cell().inputResistanceMOhm();
        } catch (PatchPinnException e) {
            rin = Double.NaN;
        }
        return analyse(r, rin, ljpMv);
    }

    /**
     * As {@link #analyse(Recording)} with the input resistance already known (MΩ; NaN: the median of the per-step
     * input resistances of {@link PassiveSteps}, e.g. when the only hyperpolarising step is a prepulse, not the
     * stimulus window; when there are none the bridge error is not compared with it).
     */
    public static RecordingArtefacts analyse(Recording r, double inputResistanceMOhm) {
        return analyse(r, inputResistanceMOhm, 0);
    }

    /**
     * As {@link #analyse(Recording, double)} with the absolute levels judged after a liquid-junction potential
     * {@code ljpMv} (mV) is subtracted (see {@link #analyseCorrected}).
     */
    public static RecordingArtefacts analyse(Recording r, double inputResistanceMOhm, double ljpMv) {
        RecordingFeatures.checkCurrentClamp(r);
        requireCommand(r);
        double dt = r.dtMs();
        List<CurrentClampSweep> sweeps = CurrentClampSweep.all(r, CurrentClampSweep.Current.COMMAND);
        List<double[]> commands = sweeps.stream().map(CurrentClampSweep::iPa).toList();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] c : commands) {
            for (double x : c) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        double tolPa = Math.max(0.1, 0.01 * (max - min));
        StimulusWindow window = StimulusWindows.common(commands, dt);
        SpikeDetector detector = new SpikeDetector(SpikeDetectionSettings.defaults());
        List<SweepMeasurement> measured = new ArrayList<>(sweeps.size());
        for (CurrentClampSweep s : sweeps) {
            measured.add(measureSweep(TraceMath.lessOffset(s.vMv(), ljpMv), s.iPa(), dt, tolPa, window, detector));
        }
        return compare(measured, inputResistanceMOhm);
    }

    /**
     * What one sweep shows on its own.
     *
     * @param largestStepPa    largest |ΔI| of the edges the bridge error was measured at (0 when none)
     * @param baselineMv       median V before the command first leaves holding, NaN when too short
     * @param amplitudePa      the step over the recording's common stimulus window (NaN without one)
     * @param spikesInStep     spikes peaking in that window
     * @param blockReason      why the step shows depolarisation block, or null
     * @param epochResistances input resistances of its hyperpolarising steps ({@link PassiveSteps}, MΩ)
     */
    private record SweepMeasurement(double bridgeMohm, double lateBridgeMohm, double largestStepPa,
                                    double baselineMv, MainsHum.Hum hum, double amplitudePa, int spikesInStep,
                                    String blockReason, List<Double> epochResistances, int edgeTransients,
                                    double responseMv, List<String> notes) {
    }

    private static SweepMeasurement measureSweep(double[] recorded, double[] c, double dt, double tolPa,
                                                 StimulusWindow window, SpikeDetector detector) {
        List<String> notes = new ArrayList<>();
        List<int[]> transients = EdgeTransients.find(recorded, c, dt);
        for (int[] t : transients) {
            notes.add(String.format(Locale.ROOT, "edge transient at %.2f ms: the electrode's, not a spike", t[0] * dt));
        }
        double[] v = EdgeTransients.bridged(recorded, transients);
        List<Spike> spikes = detector.detect(v, dt);
        List<Integer> edges = BridgeBalance.commandEdges(c, tolPa);
        List<BridgeBalance.Edge> measured = BridgeBalance.measure(v, c, dt, edges, spikes, tolPa);
        double bridge = Median.of(measured.stream().mapToDouble(BridgeBalance.Edge::rsMohm).toArray());
        double lateBridge = Median.of(measured.stream().mapToDouble(BridgeBalance.Edge::lateRsMohm)
                .filter(Double::isFinite).toArray());
        double largestStep = measured.stream().mapToDouble(e -> Math.abs(e.deltaPa())).max().orElse(0);
        if (edges.isEmpty()) {
            notes.add("bridge balance not measured: the command has no step");
        } else if (measured.isEmpty()) {
            notes.add("bridge balance not measured: no command edge of at least " + (int) BridgeBalance.MIN_STEP_PA
                    + " pA clear of spikes");
        }

        int n = v.length;
        int margin = (int) Math.ceil(EDGE_MARGIN_MS / dt);
        // The baseline ends where the command first leaves holding (a step's edge or a ramp's start).
        int departure = 0;
        while (departure < n && Math.abs(c[departure] - c[0]) <= tolPa) {
            departure++;
        }
        int baselineEnd = departure == n ? n : Math.max(0, departure - margin);
        double baseline = baseline(v, quiet(0, baselineEnd, spikes, dt));
        List<int[]> stretches = new ArrayList<>();
        for (int[] run : holdingRuns(c, tolPa, dt)) {
            stretches.addAll(quiet(run[0], run[1], spikes, dt));
        }
        MainsHum.Hum hum = MainsHum.measure(v, dt, stretches);
        if (Double.isNaN(hum.amplitudeMv())) {
            notes.add("mains hum not measured: no quiet stretch of " + (int) MainsHum.MIN_STRETCH_MS
                    + " ms at the holding current");
        }

        double amplitude = Double.NaN;
        int inStep = 0;
        String block = null;
        double response = Double.NaN;
        if (window != null) {
            amplitude = StimulusWindows.amplitude(c, dt, window);
            // V over the step's second half against the baseline: the steady response the step produced
            response = StimulusWindows.secondHalfMedianMv(v, dt, window) - baseline;
            inStep = (int) spikes.stream().filter(s -> window.contains(s.peakTimeMs())).count();
            block = DepolarisationBlock.withinStep(v, dt, window, amplitude, spikes);
        }
        return new SweepMeasurement(bridge, lateBridge, largestStep, baseline, hum, amplitude, inStep, block,
                PassiveSteps.of(v, c, dt).steps().stream().map(PassiveSteps.Step::resistanceMOhm).toList(),
                transients.size(), response, notes);
    }

    /** Sweeps against each other (drift from the first, spike counts against weaker steps) and the warnings. */
    private static RecordingArtefacts compare(List<SweepMeasurement> m, double inputResistanceMOhm) {
        int count = m.size();
        double[] amplitude = m.stream().mapToDouble(SweepMeasurement::amplitudePa).toArray();
        int[] spikesInStep = m.stream().mapToInt(SweepMeasurement::spikesInStep).toArray();
        Map<Integer, String> falls = DepolarisationBlock.countFalls(amplitude, spikesInStep);
        int referenceSweep = -1;
        for (int k = 0; k < count && referenceSweep < 0; k++) {
            if (Double.isFinite(m.get(k).baselineMv())) {
                referenceSweep = k;
            }
        }
        double reference = referenceSweep < 0 ? Double.NaN : m.get(referenceSweep).baselineMv();
        List<SweepArtefacts> sweeps = new ArrayList<>(count);
        List<Integer> drifting = new ArrayList<>();
        List<Integer> humming = new ArrayList<>();
        List<Integer> blocked = new ArrayList<>();
        double expected = expectedResistance(m);
        List<Integer> unresponsive = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            SweepMeasurement s = m.get(k);
            List<String> notes = new ArrayList<>(s.notes());
            double drift = s.baselineMv() - reference;
            if (Double.isNaN(s.baselineMv())) {
                notes.add("no baseline: the stimulus starts within " + MIN_BASELINE_SAMPLES + " quiet samples");
            } else if (Math.abs(drift) > DRIFT_LIMIT_MV) {
                notes.add(String.format(Locale.ROOT, "baseline drift %+.1f mV from sweep %d", drift, referenceSweep));
                drifting.add(k);
            }
            MainsHum.Hum h = s.hum();
            if (h.amplitudeMv() > HUM_LIMIT_MV && !(h.amplitudeMv() > HUM_OVER_FLOOR * h.floorMv())) {
                notes.add(String.format(Locale.ROOT, "not counted as mains hum: %.2f mV at %.0f Hz, but %.2f mV at "
                        + "frequencies beside it too (broadband fluctuation)", h.amplitudeMv(), h.hz(), h.floorMv()));
            } else if (h.amplitudeMv() > HUM_LIMIT_MV) {
                notes.add(String.format(Locale.ROOT, "mains hum %.2f mV at %.0f Hz", h.amplitudeMv(), h.hz()));
                humming.add(k);
            }
            if (s.blockReason() != null) {
                notes.add(s.blockReason());
            }
            if (falls.containsKey(k)) {
                notes.add(falls.get(k));
            }
            boolean block = s.blockReason() != null || falls.containsKey(k);
            if (block) {
                blocked.add(k);
            }
            boolean noResponse = Math.abs(s.amplitudePa()) >= MIN_BRIDGE_STEP_PA && expected > 0
                    && Math.abs(s.responseMv()) < NO_RESPONSE_FRACTION * expected * Math.abs(s.amplitudePa()) * 1e-3;
            if (noResponse) {
                notes.add(String.format(Locale.ROOT, "no response: over its second half the %.0f pA step holds V "
                        + "%.1f mV from the baseline, where the other steps' %.0f MOhm say %.0f mV", s.amplitudePa(),
                        s.responseMv(), expected,
                        expected * s.amplitudePa() * 1e-3));
                unresponsive.add(k);
            }
            sweeps.add(new SweepArtefacts(k, s.bridgeMohm(), drift, h.amplitudeMv(), block, noResponse, notes));
        }

        double[] largestStep = m.stream().mapToDouble(SweepMeasurement::largestStepPa).toArray();
        double rs = recordingBridge(m.stream().mapToDouble(SweepMeasurement::bridgeMohm).toArray(), largestStep);
        double lateRs = recordingBridge(m.stream().mapToDouble(SweepMeasurement::lateBridgeMohm).toArray(),
                largestStep);
        double rin = Double.isFinite(inputResistanceMOhm) ? inputResistanceMOhm
                : Median.of(m.stream().flatMap(s -> s.epochResistances().stream()).mapToDouble(Double::doubleValue)
                        .toArray());
        List<String> warnings = new ArrayList<>();
        if (rin > 0 && Math.abs(rs - lateRs) > UNSETTLED_BRIDGE_FRACTION * rin) {
            warnings.add(String.format(Locale.ROOT, "bridge balance not measured: V has not settled after the "
                    + "command edges (Rs reads %.1f MOhm just after them and %.1f MOhm %.1f ms later, %.0f %% of the input "
                    + "resistance, %.0f MOhm, apart): an electrode transient slower than the reading assumes (a sharp "
                    + "electrode?); nothing is subtracted", rs, lateRs, BridgeBalance.POST_MS,
                    100 * Math.abs(rs - lateRs) / rin, rin));
            rs = Double.NaN;
        } else if (Double.isNaN(rs)) {
            warnings.add("bridge balance not measured: no command edge of at least " + (int) MIN_BRIDGE_STEP_PA
                    + " pA clear of spikes");
        } else if (rin > 0 && Math.abs(rs) > BRIDGE_LIMIT_FRACTION * rin) {
            // (a negative input resistance, as a broken recording gives, is no scale to compare with)
            warnings.add(String.format(Locale.ROOT, "bridge balance: Rs %.1f MOhm is %.0f %% of the input "
                    + "resistance (%.0f MOhm); the fit subtracts Rs*I", rs, 100 * Math.abs(rs) / rin, rin));
        }
        double baseline = Median.of(m.stream().mapToDouble(SweepMeasurement::baselineMv).filter(Double::isFinite)
                .toArray());
        if (baseline > DEPOLARISED_BASELINE_MV) {
            warnings.add(String.format(Locale.ROOT, "depolarised baseline: the median baseline %.1f mV is above %.0f "
                    + "mV (a damaged cell, or a voltage offset not corrected: see --ljp_mv)", baseline,
                    DEPOLARISED_BASELINE_MV));
        }
        if (!drifting.isEmpty()) {
            double worst = 0;
            for (int k : drifting) {
                double d = sweeps.get(k).driftMv();
                worst = Math.abs(d) > Math.abs(worst) ? d : worst;
            }
            warnings.add(String.format(Locale.ROOT, "baseline drift: up to %+.1f mV from sweep %d (sweeps %s)",
                    worst, referenceSweep, Numbers.ranges(drifting)));
        }
        if (!humming.isEmpty()) {
            MainsHum.Hum worst = humming.stream().map(k -> m.get(k).hum())
                    .max((a, b) -> Double.compare(a.amplitudeMv(), b.amplitudeMv())).orElseThrow();
            warnings.add(String.format(Locale.ROOT, "mains hum: up to %.2f mV at %.0f Hz (sweeps %s)",
                    worst.amplitudeMv(), worst.hz(), Numbers.ranges(humming)));
        }
        List<Integer> transients = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (m.get(k).edgeTransients() > 0) {
                transients.add(k);
            }
        }
        if (!transients.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "edge transients: sweeps %s (V crosses %.0f mV within %.1f ms of a "
                    + "command edge and is back below within %.1f ms: the electrode's, not spikes; not counted, and the "
                    + "fit bridges over them)", Numbers.ranges(transients), SpikeTimes.THRESHOLD_MV,
                    EdgeTransients.AFTER_EDGE_MS, EdgeTransients.MAX_ABOVE_MS));
        }
        if (!unresponsive.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "no response: sweeps %s (their step moves V by less than %.0f %% of "
                    + "what the other steps' median %.0f MOhm predict: the current did not reach the cell, or the membrane gave "
                    + "way; not fitted, and not read for the passive properties)", Numbers.ranges(unresponsive), 100 * NO_RESPONSE_FRACTION,
                    expected));
        }
        if (!blocked.isEmpty()) {
            warnings.add("depolarisation block: sweeps " + Numbers.ranges(blocked) + " (spikes stop early in the step "
                    + "or fewer spikes at a larger current)"
                    + DepolarisationBlock.phasicNote(blocked, amplitude, spikesInStep));
        }
        return new RecordingArtefacts(sweeps, rs, warnings);
    }

    /**
     * Median |ΔV/ΔI| (MΩ) of the steps of at least {@link #MIN_BRIDGE_STEP_PA} that move V by at least
     * {@link #RESPONSE_MIN_MV}: what a step should do; NaN when none does.
     */
    private static double expectedResistance(List<SweepMeasurement> m) {
        return Median.of(m.stream().filter(s -> Math.abs(s.amplitudePa()) >= MIN_BRIDGE_STEP_PA
                        && Math.abs(s.responseMv()) >= RESPONSE_MIN_MV)
                .mapToDouble(s -> 1e3 * Math.abs(s.responseMv() / s.amplitudePa())).toArray());
    }

    private static void requireCommand(Recording r) {
        if (!r.hasCommand()) {
            throw new PatchPinnException(r.name() + ": the recording has no command waveform; the bridge balance, "
                    + "baseline and depolarisation block are measured at the command's steps");
        }
    }

    /** Median Rs of the sweeps whose largest measured step is large enough; NaN when none is. */
    static double recordingBridge(double[] bridge, double[] largestStep) {
        double largest = Arrays.stream(largestStep).max().orElse(0);
        double needed = Math.max(MIN_BRIDGE_STEP_PA, BRIDGE_STEP_FRACTION * largest);
        double[] chosen = new double[bridge.length];
        int m = 0;
        for (int k = 0; k < bridge.length; k++) {
            if (Double.isFinite(bridge[k]) && largestStep[k] >= needed) {
                chosen[m++] = bridge[k];
            }
        }
        return Median.of(Arrays.copyOf(chosen, m));
    }

    /**
     * Runs [from, to) where the command is at its holding level (its first sample's), without the first
     * {@link #SETTLE_AFTER_STIMULUS_MS} after a return to holding and {@link #EDGE_MARGIN_MS} before a departure.
     */
    static List<int[]> holdingRuns(double[] c, double tolPa, double dt) {
        int n = c.length;
        int settle = (int) Math.ceil(SETTLE_AFTER_STIMULUS_MS / dt);
        int margin = (int) Math.ceil(EDGE_MARGIN_MS / dt);
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < n) {
            if (Math.abs(c[i] - c[0]) > tolPa) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && Math.abs(c[i] - c[0]) <= tolPa) {
                i++;
            }
            int from = start == 0 ? 0 : start + settle;
            int to = i == n ? n : i - margin;
            if (to > from) {
                out.add(new int[] {from, to});
            }
        }
        return out;
    }

    /** [from, to) minus the stretches around spikes, as sample ranges. */
    static List<int[]> quiet(int from, int to, List<Spike> spikes, double dt) {
        List<int[]> out = new ArrayList<>();
        int start = from;
        for (Spike s : spikes) {
            int a = (int) Math.floor((s.thresholdTimeMs() - SPIKE_BEFORE_MS) / dt);
            int b = (int) Math.ceil((s.peakTimeMs() + SPIKE_AFTER_MS) / dt);
            if (b <= start || a >= to) {
                continue;
            }
            if (a > start) {
                out.add(new int[] {start, a});
            }
            start = Math.max(start, b);
        }
        if (to > start) {
            out.add(new int[] {start, to});
        }
        return out;
    }

    private static double baseline(double[] v, List<int[]> stretches) {
        int total = stretches.stream().mapToInt(s -> s[1] - s[0]).sum();
        if (total < MIN_BASELINE_SAMPLES) {
            return Double.NaN;
        }
        double[] all = new double[total];
        int m = 0;
        for (int[] s : stretches) {
            System.arraycopy(v, s[0], all, m, s[1] - s[0]);
            m += s[1] - s[0];
        }
        return Median.of(all);
    }
}
