package org.patchpinn.io;

/**
 * One column of a DAC's epoch table (Clampex waveform editor): its type, first level and per-sweep level
 * increment (DAC units), first duration and per-sweep duration increment (samples), and the pulse-train
 * period and width (samples; ABF2 and ABF 1.8+ only).
 */
record AbfEpoch(int number, int type, double level, double levelDelta, int duration, int durationDelta,
                int pulsePeriod, int pulseWidth) {
    static final int OFF = 0;
    static final int STEP = 1;
    static final int RAMP = 2;
    static final int PULSE = 3;
    static final int TRIANGLE = 4;
    static final int COSINE = 5;
    static final int BIPHASIC = 7;

    /** pyABF's name for an epoch type code. */
    static String typeName(int type) {
        switch (type) {
            case OFF: return "Off";
            case STEP: return "Step";
            case RAMP: return "Ramp";
            case PULSE: return "Pulse";
            case TRIANGLE: return "Tri";
            case COSINE: return "Cos";
            case BIPHASIC: return "BiPhsc";
            default: return "Unknown";
        }
    }
}
