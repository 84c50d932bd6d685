package org.patchpinn.trace;

import java.util.Locale;

/**
 * Unit names as they appear in files and their scale to PatchPINN's working units (mV, pA, ms, nS, pF).
 * Unknown units are reported, never guessed.
 */
public final class Units {
    private Units() {
    }

    /** Scale factor from {@code unit} to millivolts, or NaN if it is not a voltage unit. */
    public static double toMillivolts(String unit) {
        switch (normalise(unit)) {
            case "v": return 1e3;
            case "mv": return 1;
            case "uv": case "µv": case "μv": return 1e-3;
            default: return Double.NaN;
        }
    }

    /** Scale factor from {@code unit} to picoamperes, or NaN if it is not a current unit. */
    public static double toPicoamperes(String unit) {
        switch (normalise(unit)) {
            case "a": return 1e12;
            case "ma": return 1e9;
            case "ua": case "µa": case "μa": return 1e6;
            case "na": return 1e3;
            case "pa": return 1;
            case "fa": return 1e-3;
            default: return Double.NaN;
        }
    }

    /** Scale factor from {@code unit} to milliseconds, or NaN if it is not a time unit. */
    public static double toMilliseconds(String unit) {
        switch (normalise(unit)) {
            case "s": case "sec": return 1e3;
            case "ms": case "msec": return 1;
            case "us": case "µs": case "μs": return 1e-3;
            default: return Double.NaN;
        }
    }

    public static boolean isVoltage(String unit) {
        return !Double.isNaN(toMillivolts(unit));
    }

    public static boolean isCurrent(String unit) {
        return !Double.isNaN(toPicoamperes(unit));
    }

    private static String normalise(String unit) {
        return unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
    }
}
