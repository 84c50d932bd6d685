package org.patchpinn.fiji;

import java.io.File;
import org.patchpinn.op.Operation;
import org.patchpinn.op.PinnFitOperation;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Learn New States. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Learn New States")
public class LearnStatesCommand extends OperationCommand {
    @Parameter(label = "Recording file", style = "open")
    private File file;

    @Parameter(label = "Output folder", style = "directory", required = false)
    private File out;

    @Parameter(label = "Method", choices = {"hybrid", "pinn"})
    private String method = "hybrid";

    @Parameter(label = "Base model", choices = {"traub-rs", "hh-squid"})
    private String base = "traub-rs";

    @Parameter(label = "New states", choices = {"auto", "0", "1", "2"})
    private String latent = "auto";

    @Parameter(label = "Training sweeps (from 1, empty: all but held-out)", required = false)
    private String train_sweeps = "";

    @Parameter(label = "Held-out sweeps (from 1, empty: second-to-last)", required = false)
    private String holdout_sweeps = "";

    @Parameter(label = "Training steps", min = "1")
    private int steps = 100;

    @Parameter(label = "Summary-statistic simulations (CMA-ES)", min = "0")
    private int refine_evals = 2000;

    @Parameter(label = "Random seed", min = "0")
    private int seed = 1;

    @Parameter(label = "Device", choices = {"auto", "cpu", "gpu"})
    private String device = "auto";

    @Override
    protected Operation operation() {
        return new PinnFitOperation();
    }
}
