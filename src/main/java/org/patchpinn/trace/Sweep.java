package org.patchpinn.trace;

import java.util.List;

/**
 * One sweep (episode) of a recording: a trace per channel and, where known, the command waveform the
 * amplifier applied (its unit is the recording's {@link Recording#commandUnit()}).
 *
 * @param channels one trace per channel, in the recording's channel order
 * @param command  the stimulus waveform, same length as the traces, or {@code null} if unknown
 */
public record Sweep(List<Trace> channels, Trace command) {
    public Sweep {
        channels = List.copyOf(channels);
    }

    public Trace channel(int index) {
        return channels.get(index);
    }

    public boolean hasCommand() {
        return command != null;
    }

    public int length() {
        return channels.isEmpty() ? 0 : channels.get(0).length();
    }
}
