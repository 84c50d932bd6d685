package org.patchpinn.fiji;

import java.io.File;
import org.patchpinn.op.FitOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Fit Model. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Fit Model")
public class FitModelCommand extends OperationCommand {
    @Parameter(label = "Recording file", style = "open")
    private File file;

    @Parameter(label = "Model (built-in name or model file)")
    private String model = "hh-squid";

    // Free text rather than fixed choices, so fit methods added to FitMethods appear without editing this class.
    @Parameter(label = "Method (classic, trace, hybrid, pinn)")
    private String method = "classic";

    @Parameter(label = "Parameters to fit (e.g. gNa,gK,gL; empty: model's free ones)", required = false)
    private String fit = "";

    @Parameter(label = "Parameter values to set first (e.g. Cm=120)", required = false)
    private String values = "";

    @Parameter(label = "Training sweeps (e.g. 0,2-3; empty: chosen from the step protocol)", required = false)
    private String sweeps = "";

    @Parameter(label = "Selection sweeps (e.g. 4,9; empty: from the protocol)", required = false)
    private String selection = "";

    @Parameter(label = "Test sweeps (auto, none, or e.g. 1)", required = false)
    private String holdout = "auto";

    @Parameter(label = "Liquid-junction potential (mV)", min = "-50", max = "50")
    private double ljp_mv = 0;

    @Parameter(label = "Seed", min = "0")
    private int seed = 1;

    @Parameter(label = "Starts of the global search", min = "1", max = "50")
    private int starts = 1;

    @Parameter(label = "Evaluations per start", min = "10")
    private int max_evaluations = 2000;

    @Parameter(label = "95% confidence intervals")
    private boolean ci = true;

    @Parameter(label = "New states (hybrid, pinn: 0, 1, 2 or auto)", choices = {"auto", "0", "1", "2"})
    private String latent = "auto";

    @Parameter(label = "Device", choices = {"auto", "cpu", "gpu"})
    private String device = "auto";

    @Parameter(label = "Method options (e.g. steps=300,refine_evals=500)", required = false)
    private String options = "";

    @Parameter(label = "Output folder (optional)", style = "directory", required = false)
    private File out;

    @Override
    protected Operation operation() {
        return new FitOperation();
    }
}
