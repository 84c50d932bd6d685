package org.patchpinn.fiji;

import java.io.File;
import org.patchpinn.op.CompareOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Compare Conditions. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Compare Conditions")
public class CompareConditionsCommand extends OperationCommand {
    @Parameter(label = "Manifest (CSV: file, condition, cell)", style = "open")
    private File manifest;

    @Parameter(label = "Recordings folder (default: the manifest's folder)", style = "directory", required = false)
    private File folder;

    @Parameter(label = "Condition column")
    private String condition = "glucose_mM";

    @Parameter(label = "Output folder (results are saved per recording; a re-run resumes)", style = "directory",
            required = false)
    private File out;

    @Parameter(label = "Threads (0: all cores)", min = "0")
    private int threads = 0;

    @Parameter(label = "Bootstrap resamples", min = "0")
    private int bootstrap = 1000;

    @Parameter(label = "Permutations (trend test)", min = "100")
    private int permutations = 10000;

    @Parameter(label = "Significance level (Holm)", min = "0.000001", max = "0.5")
    private double alpha = 0.05;

    @Parameter(label = "Reversal of the extra conductance if known (mV; empty: fitted)", required = false)
    private String ex_mv = "";

    @Parameter(label = "Model fitted to every recording (built-in name or model file)")
    private String model = "traub-rs-m";

    @Parameter(label = "Fit method per recording", choices = {"off", "classic", "hybrid", "pinn"})
    private String method = "classic";

    @Parameter(label = "Parameters to fit (empty: those not fixed in the model)", required = false)
    private String fit = "";

    @Parameter(label = "Parameter values to set first (e.g. EK=-90)", required = false)
    private String values = "";

    @Parameter(label = "Budget of each recording's global search", min = "10")
    private int max_evaluations = 2000;

    @Parameter(label = "Method options (e.g. steps=300)", required = false)
    private String options = "";

    @Parameter(label = "Laws found by", choices = {"symbolic", "candidates"})
    private String laws = "symbolic";

    @Parameter(label = "Random seed", min = "0")
    private int seed = 1;

    @Parameter(label = "Resume from saved per-recording results")
    private boolean resume = true;

    @Override
    protected Operation operation() {
        return new CompareOperation();
    }
}
