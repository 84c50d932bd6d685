package org.patchpinn.features;

import java.util.List;

/**
 * Recording artefacts of a current-clamp recording ({@link ArtefactDetector}): per sweep, and the recording's
 * bridge-balance error, with warnings for what exceeds its limit.
 *
 * @param sweeps     one entry per sweep, in recording order
 * @param bridgeMohm the recording's bridge-balance error Rs (MΩ): median of the sweeps with large enough current
 *                   steps; NaN when none could be measured
 * @param warnings   one line per flagged artefact (bridge error large relative to the input resistance, drift,
 *                   hum, depolarisation block)
 */
public record RecordingArtefacts(List<SweepArtefacts> sweeps, double bridgeMohm, List<String> warnings) {
    public RecordingArtefacts {
        sweeps = List.copyOf(sweeps);
        warnings = List.copyOf(warnings);
    }

    /**
     * V (mV) of a sweep with the bridge error removed, V − Rs·I(t) (Rs = {@link #bridgeMohm()}; 1 MΩ·1 pA =
     * 1e-3 mV; an unmeasured Rs subtracts nothing), and the liquid-junction potential subtracted (V − ljpMv).
     * Returns a new array.
     *
     * @param vMv       recorded membrane voltage (mV)
     * @param commandPa the injected current at the same samples (pA, holding current included)
     * @param ljpMv     liquid-junction potential (mV, e.g. +13 for K-gluconate pipettes; 0 for none)
     */
    public double[] correctedVoltage(double[] vMv, double[] commandPa, double ljpMv) {
        if (vMv.length != commandPa.length) {
            throw new IllegalArgumentException("voltage and command differ in length: " + vMv.length + " vs "
                    + commandPa.length + " samples");
        }
        if (!Double.isFinite(ljpMv)) {
            throw new IllegalArgumentException("liquid-junction potential must be finite, got " + ljpMv + " mV");
        }
        double rs = Double.isFinite(bridgeMohm) ? bridgeMohm : 0;
        double[] out = new double[vMv.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = vMv[i] - rs * commandPa[i] * 1e-3 - ljpMv;
        }
        return out;
    }

    /** The entry of sweep {@code index}, or null when it was not analysed. */
    public SweepArtefacts sweep(int index) {
        for (SweepArtefacts s : sweeps) {
            if (s.sweep() == index) {
                return s;
            }
        }
        return null;
    }

    /** Largest |drift| over the sweeps (mV), NaN when none has a baseline. */
    public double maxAbsDriftMv() {
        return maxAbs(sweeps.stream().mapToDouble(SweepArtefacts::driftMv).toArray());
    }

    /** Largest hum amplitude over the sweeps (mV), NaN when none was measured. */
    public double maxHumMv() {
        return maxAbs(sweeps.stream().mapToDouble(SweepArtefacts::humMv).toArray());
    }

    /** Sweeps marked as in depolarisation block. */
    public List<Integer> blockedSweeps() {
        return sweeps.stream().filter(SweepArtefacts::depolarisationBlock).map(SweepArtefacts::sweep).toList();
    }

    /** Sweeps whose step did not reach the cell (no voltage response). */
    public List<Integer> unresponsiveSweeps() {
        return sweeps.stream().filter(SweepArtefacts::noResponse).map(SweepArtefacts::sweep).toList();
    }

    /** Sweeps the default sweep roles leave out: depolarisation block or no response, in recording order. */
    public List<Integer> excludedSweeps() {
        return sweeps.stream().filter(s -> s.depolarisationBlock() || s.noResponse()).map(SweepArtefacts::sweep)
                .toList();
    }

    private static double maxAbs(double[] a) {
        double m = Double.NaN;
        for (double d : a) {
            if (Double.isFinite(d) && !(Math.abs(d) <= m)) {
                m = Math.abs(d);
            }
        }
        return m;
    }
}
