package org.patchpinn.sim;

/**
 * Noise added to synthetic recordings: white measurement noise on V (amplifier and digitiser) and an
 * Ornstein–Uhlenbeck current injected into the cell (channel and synaptic noise), which jitters spike times
 * as in real cells. The OU current is not part of the recorded command, as in a real recording.
 *
 * @param voltageSdMv   standard deviation of the white noise added to V (mV)
 * @param currentSdPa   stationary standard deviation of the OU current (pA); 0 for none
 * @param currentTauMs  correlation time of the OU current (ms)
 */
public record NoiseModel(double voltageSdMv, double currentSdPa, double currentTauMs) {
    public NoiseModel {
        if (voltageSdMv < 0 || currentSdPa < 0 || (currentSdPa > 0 && !(currentTauMs > 0))) {
            throw new IllegalArgumentException("noise: standard deviations must be >= 0 and the OU time constant > 0");
        }
    }

    public static final NoiseModel NONE = new NoiseModel(0, 0, 1);

    /** White voltage noise only. */
    public static NoiseModel white(double voltageSdMv) {
        return new NoiseModel(voltageSdMv, 0, 1);
    }
}
