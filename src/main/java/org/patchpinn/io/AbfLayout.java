package org.patchpinn.io;

/**
 * Where the samples lie and how they are arranged: a data section of {@code sweepCount × sweepPoints ×
 * channelCount} samples (int16 or float32), channels interleaved sample by sample, sweeps one after the
 * other. Built only through {@link #of}, which checks every count against the file size.
 */
record AbfLayout(long dataByteStart, boolean floatData, int channelCount, int sweepCount, int sweepPoints) {
    /** Event-driven acquisition with sweeps of varying length (nOperationMode 1). */
    static final int VARIABLE_LENGTH = 1;
    /** Gap-free acquisition (nOperationMode 3): pyABF and Clampfit show it as one sweep. */
    static final int GAP_FREE = 3;
    /**
     * Fewest samples per channel a sweep may hold. A header whose sweep count leaves fewer describes no
     * real protocol, only a way to make one object per sample (a 2 MB file would then take gigabytes).
     */
    static final int MIN_SWEEP_POINTS = 8;
    /** Heap one sweep costs beyond its samples (sweep, trace and command objects, array headers), bytes. */
    private static final long SWEEP_OVERHEAD_BYTES = 256;
    private static final long CHANNEL_OVERHEAD_BYTES = 64;

    int bytesPerSample() {
        return floatData ? 4 : 2;
    }

    /**
     * Validates the raw header values against each other and the file size.
     *
     * @param episodes      sweeps the header reports (0 for gap-free files)
     * @param samples       samples in the data section, all channels together
     */
    static AbfLayout of(FileBytes f, int operationMode, long episodes, int channelCount, long dataByteStart,
                        long samples, boolean floatData) {
        if (channelCount < 1 || channelCount > 16) {
            throw f.error("impossible channel count " + channelCount + " (1 to 16 expected)");
        }
        if (samples <= 0) {
            throw f.error("the data section is empty (" + samples + " samples)");
        }
        int size = floatData ? 4 : 2;
        if (dataByteStart < 0 || dataByteStart >= f.size()) {
            throw f.error("data section starts at byte " + dataByteStart + ", beyond the end of the file ("
                    + f.size() + " bytes)");
        }
        long bytes = samples * size;
        if (samples > Long.MAX_VALUE / size || dataByteStart + bytes > f.size()) {
            throw f.error("data section of " + samples + " samples (" + bytes + " bytes from byte " + dataByteStart
                    + ") runs past the end of the file (" + f.size()
                    + " bytes): the file is truncated or its header is corrupt");
        }
        if (samples % channelCount != 0) {
            throw f.error("data section holds " + samples + " samples, not a multiple of " + channelCount
                    + " channels");
        }
        long sweeps = operationMode == GAP_FREE || episodes == 0 ? 1 : episodes;
        if (sweeps < 0 || sweeps > samples / channelCount) {
            throw f.error("impossible sweep count " + episodes + " for " + samples / channelCount
                    + " samples per channel");
        }
        long perSweep = samples / channelCount / sweeps;
        if (perSweep * sweeps * channelCount != samples && operationMode == VARIABLE_LENGTH) {
            // Sweeps of different lengths: kept whole as one continuous sweep (the caller warns).
            sweeps = 1;
            perSweep = samples / channelCount;
        }
        if (perSweep * sweeps * channelCount != samples) {
            throw f.error("data section holds " + samples + " samples, not " + sweeps + " sweeps × " + channelCount
                    + " channels of equal length");
        }
        if (perSweep > Integer.MAX_VALUE - 8) {
            throw f.error("a sweep of " + perSweep + " samples per channel is too long to hold in memory");
        }
        if (perSweep < MIN_SWEEP_POINTS && sweeps > 1) {
            throw f.error("impossible sweep count " + episodes + ": it leaves " + perSweep
                    + " samples per sweep and channel (at least " + MIN_SWEEP_POINTS + " expected)");
        }
        // Decoded as float32, plus the objects of each sweep; refused before anything is allocated.
        ReadLimits.require(f.file(), "data section", samples,
                samples * 4 + sweeps * (SWEEP_OVERHEAD_BYTES + CHANNEL_OVERHEAD_BYTES * channelCount));
        return new AbfLayout(dataByteStart, floatData, channelCount, (int) sweeps, (int) perSweep);
    }
}
