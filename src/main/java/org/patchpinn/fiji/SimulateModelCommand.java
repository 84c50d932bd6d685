package org.patchpinn.fiji;

import java.io.File;
import org.patchpinn.op.Operation;
import org.patchpinn.op.SimulateOperation;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Simulate Model. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Simulate Model")
public class SimulateModelCommand extends OperationCommand {
    @Parameter(label = "Model (built-in name or model file)")
    private String model = "hh-squid";

    @Parameter(label = "Parameter values (e.g. gNa=10000,Cm=120)", required = false)
    private String values = "";

    @Parameter(label = "Recording with stimuli (optional)", style = "open", required = false)
    private File file;

    @Parameter(label = "Series (HEKA bundle: group.series, e.g. 1.2, number or label; empty: default)",
            required = false)
    private String series = "";

    @Parameter(label = "Sweeps of the recording (e.g. 0,2; empty: all)", required = false)
    private String sweeps = "";

    @Parameter(label = "Step amplitudes (pA)", required = false)
    private String amplitudes = "0,300,600";

    @Parameter(label = "Step onset (ms)", min = "0")
    private double start_ms = 50;

    @Parameter(label = "Step duration (ms)", min = "0")
    private double duration_ms = 200;

    @Parameter(label = "Sweep length (ms)", min = "0.1")
    private double total_ms = 300;

    @Parameter(label = "Sampling interval (ms)", min = "0.0001")
    private double dt_ms = 0.05;

    @Parameter(label = "Noise in simulated.atf (mV)", min = "0")
    private double noise_mv = 0;

    @Parameter(label = "Seed", min = "0")
    private int seed = 1;

    @Parameter(label = "Output folder (optional)", style = "directory", required = false)
    private File out;

    @Override
    protected Operation operation() {
        return new SimulateOperation();
    }
}
