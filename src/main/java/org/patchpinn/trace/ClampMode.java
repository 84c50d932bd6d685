package org.patchpinn.trace;

/** How the amplifier was used, told from the units of the recorded signal and of the command. */
public enum ClampMode {
    /** Current injected (command in A), membrane voltage recorded. */
    CURRENT_CLAMP,
    /** Voltage commanded, membrane current recorded. */
    VOLTAGE_CLAMP,
    /** Units do not tell (e.g. no command waveform). */
    UNKNOWN
}
