package org.patchpinn.features;

import java.util.List;

/**
 * Artefacts of one current-clamp sweep, measured by {@link ArtefactDetector}: things a real recording has
 * that a model must not be fitted to.
 *
 * @param sweep               sweep index in the recording
 * @param bridgeMohm          bridge-balance error Rs (MΩ): median over the sweep's clean command edges of the
 *                            instantaneous voltage jump / current change; NaN when no edge could be measured
 * @param driftMv             baseline (median V before the command first leaves holding) minus the first
 *                            sweep's (mV); NaN when the sweep has no baseline stretch
 * @param humMv               amplitude (mV) of the stronger mains family (50 or 60 Hz with its 2nd and 3rd
 *                            harmonics, √Σ amplitude²) in the quiet stretches before and after the stimulus;
 *                            NaN when they are too short
 * @param depolarisationBlock whether spikes stop early in the step with V held above threshold, or the spike
 *                            count falls as the current rises
 * @param noResponse          whether its step moves V by less than a tenth of what the recording's other steps
 *                            predict: the current did not reach the cell
 * @param notes               why the sweep was flagged or what could not be measured
 */
public record SweepArtefacts(int sweep, double bridgeMohm, double driftMv, double humMv, boolean depolarisationBlock,
                             boolean noResponse, List<String> notes) {
    public SweepArtefacts {
        notes = List.copyOf(notes);
    }
}
