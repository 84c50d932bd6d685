package org.patchpinn.compare;

import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * Fits one recording with the comparison's shared model structure, so that parameters of different
 * recordings mean the same thing. Implementations: {@link SubthresholdFitter} (linear membrane and
 * M-current between spikes); the classic and PINN fitters of org.patchpinn.fit / org.patchpinn.pinn plug in
 * through the same contract.
 */
public interface RecordingFitter {
    /** Short name used as a prefix-free key in saved results, e.g. "subthreshold". */
    String name();

    /** Text that changes whenever this fitter's result would (settings, version), for resuming. */
    String fingerprint();

    /** Parameters with units and intervals; throws a PatchPinnException when the recording cannot be fitted. */
    FitOutcome fit(Recording recording, Progress progress);
}
