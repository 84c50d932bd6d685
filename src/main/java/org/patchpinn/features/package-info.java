/**
 * Summary statistics of current-clamp recordings and of simulated voltage traces: spikes, eFEL-named
 * features per sweep, the sbi Hodgkin-Huxley statistics, and per-cell properties of a step protocol.
 *
 * <h2>Spike trains: the one home</h2>
 * Every package that needs spikes (fit, pinn, compare, op, report) calls these, for data and for models alike:
 * <ul>
 * <li>{@link org.patchpinn.features.SpikeTimes}: spike times of {@code SpikeDetector}'s spikes (so a fit counts
 *     what the feature tables count), each at its upstroke's interpolated −20 mV crossing, for a fit's inner
 *     loop; {@code countIn} for a window.</li>
 * <li>{@link org.patchpinn.features.SpikeDetector}: each spike's shape (onset, peak, trough, half width), as
 *     eFEL and AllenSDK define them, for the feature tables.</li>
 * <li>{@link org.patchpinn.features.CoincidenceFactor}: Γ (Kistler), the spike-train agreement every fit
 *     score and report shows.</li>
 * <li>{@link org.patchpinn.features.SpikeTrains}: interspike intervals, adaptation index, van Rossum distance.</li>
 * </ul>
 * They live here rather than in a package of their own because the detector shares this package's trace
 * helpers and the adaptation index is one of its eFEL features: a separate package would have to depend back
 * on this one.
 *
 * <h2>Input resistance: two definitions, on purpose</h2>
 * {@link org.patchpinn.features.CellFeatures} reports the eFEL/IPFX one (slope of the stimulus-window deflection
 * over step amplitude); {@link org.patchpinn.features.PassiveSteps} measures each hyperpolarising step (prepulses
 * too) the same way on data and model traces, and the fit's passive estimate and the artefact check (when the
 * cell features have none) take medians of it.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * SweepFeatureExtractor ex = new SweepFeatureExtractor(SpikeDetectionSettings.defaults()); // thread-safe
 * SweepFeatures f = ex.extract(vMv, dtMs, new StimulusWindow(100, 600));   // plain arrays: data or model
 * double n = f.get("Spikecount_stimint"), hw = f.get("spike_half_width");  // NaN where undefined
 * double[] isi = f.array("ISI_values");  List<Spike> spikes = f.spikes();
 * StimulusWindow w = StimulusWindows.fromCommand(commandPa, dtMs);          // longest non-holding step
 * RecordingFeatures rf = RecordingFeatures.analyse(recording, List.of(), settings, null, progress);
 * CellFeatures cell = rf.cell();  // F-I curve and slope, rheobase, input resistance, tau, sag ratio
 * RecordingArtefacts art = ArtefactDetector.analyse(recording);  // bridge Rs, drift, hum, depolarisation block
 * double[] vFit = art.correctedVoltage(vMv, commandPa, ljpMv);   // V - Rs*I - LJP
 * }</pre>
 *
 * <h2>Agreement with eFEL</h2>
 * Definitions follow eFEL 5.x (BlueBrain/eFEL, LGPL-3; re-implemented here, not copied) with its default
 * settings, including its linear re-sampling to 0.1 ms, reproduced bit for bit so that its tie-breaking in
 * the AHP search is the same. With {@link org.patchpinn.features.SpikeDetectionSettings#efel()} the numbers
 * equal eFEL's on the project's reference recordings (see EfelAbfComparisonTest). Deliberate differences:
 * <ul>
 * <li>Spikes are found on dV/dt with a minimum peak (AllenSDK), not by a fixed -20 mV crossing, so small
 *     spikes of fast-spiking cells count; spike onsets are searched back from the peak as in eFEL.</li>
 * <li>A trace starting mid-spike does not count that spike; a trace ending after a peak but before
 *     repolarisation counts it (without trough or half width), where eFEL drops it.</li>
 * <li>time_to_first_spike refers to the first spike in the stimulus window; mean_frequency is 0 Hz without
 *     spikes in the window; AP_begin_voltage includes spikes before the stimulus.</li>
 * <li>time_constant is reported only for hyperpolarising responses without spikes; time_constant_fit (not
 *     eFEL) is a least-squares exponential on AllenSDK's interval, robust to noise, used for the cell.</li>
 * </ul>
 */
package org.patchpinn.features;
