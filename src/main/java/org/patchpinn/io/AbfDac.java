package org.patchpinn.io;

import java.util.List;

/**
 * One analog output (DAC) as the header describes it: name and unit, holding level, whether a waveform is
 * enabled and where it comes from (1 = epoch table, 2 = an external stimulus file), whether the level
 * between sweeps stays at the last epoch's level, and its epoch table ("Off" epochs already removed).
 *
 * @param stimulusFile path of the external stimulus file as stored in the header ("" if none)
 */
record AbfDac(int index, String name, String unit, double holdingLevel, boolean waveformEnabled,
              int waveformSource, boolean keepLastLevel, List<AbfEpoch> epochs, String stimulusFile) {
    static final int SOURCE_EPOCHS = 1;
    static final int SOURCE_FILE = 2;
    /** Marks a waveform whose epoch table lies in a header layout this reader does not parse (ABF < 1.6). */
    static final int SOURCE_UNREAD = -1;

    AbfDac {
        epochs = List.copyOf(epochs);
    }

    /**
     * pyABF's clean-up of holding levels read from unfilled header space: huge values become NaN, tiny
     * ones (denormal garbage) zero.
     */
    static double sanitiseHolding(float level) {
        double v = level;
        if (Math.abs(v) > 1e6 || Double.isNaN(v)) {
            return Double.NaN;
        }
        if (Math.abs(v) > 0 && Math.abs(v) < 1e-6) {
            return 0;
        }
        return v;
    }
}
