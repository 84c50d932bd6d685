package org.patchpinn.fiji;

import java.io.File;
import org.patchpinn.op.FeaturesOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Summary Statistics. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Summary Statistics")
public class SummaryStatisticsCommand extends OperationCommand {
    @Parameter(label = "Recording file (current clamp)", style = "open")
    private File file;

    @Parameter(label = "Series (HEKA bundle: group.series, e.g. 1.2, number or label; empty: default)",
            required = false)
    private String series = "";

    @Parameter(label = "Output folder (optional)", style = "directory", required = false)
    private File out;

    @Parameter(label = "Sweeps (e.g. 0,2,5-9; empty: all)", required = false)
    private String sweeps = "";

    // Text, not Double: an empty field must mean "from the command", which a number widget cannot show.
    @Parameter(label = "Stimulus start (ms; empty: from command)", required = false)
    private String stim_start_ms = "";

    @Parameter(label = "Stimulus end (ms; empty: from command)", required = false)
    private String stim_end_ms = "";

    @Parameter(label = "dV/dt threshold (V/s)", min = "0.1")
    private double dvdt_threshold = 20;

    @Parameter(label = "Minimum spike peak (mV)")
    private double min_peak = -30;

    @Override
    protected Operation operation() {
        return new FeaturesOperation();
    }
}
