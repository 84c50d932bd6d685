package org.patchpinn.io;

import java.util.List;

/**
 * One series of a file that holds several (a HEKA PatchMaster bundle), as {@code info} lists them.
 *
 * @param id         "group.series", both counted from 1 as PatchMaster shows them, e.g. "1.2"
 * @param traces     the traces of its first sweep, as "label (unit)"
 * @param mode       the amplifier mode of its first trace (e.g. "CClamp", "WholeCell")
 * @param protocol   the name of its stimulation, "" if none
 * @param command    "rebuilt", or why no command waveform can be rebuilt
 * @param isDefault  whether it is the series read when none is chosen
 */
public record SeriesEntry(String id, String group, String label, int sweeps, List<String> traces, String mode,
                          String protocol, String command, boolean isDefault) {
    public SeriesEntry {
        traces = List.copyOf(traces);
    }
}
