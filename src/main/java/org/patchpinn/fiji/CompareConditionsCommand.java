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

    @Parameter(label = "Also fit spike-generating conductances per recording (classic, ~15 s each)")
    private boolean classic = true;

    @Parameter(label = "Learn new gated currents per recording (slow)", choices = {"off", "1", "auto"})
    private String learn = "off";

    @Parameter(label = "Laws found by", choices = {"symbolic", "candidates"})
    private String laws = "symbolic";

    @Parameter(label = "Random seed", min = "0")
    private int seed = 1;

    @Parameter(label = "Resume from saved per-recording results")
    private boolean resume = true;

    @Parameter(label = "Engine of the per-recording stage (spark needs Apache Spark; see README)",
            choices = {"local", "spark"})
    private String engine = "local";

    @Parameter(label = "Spark master (engine spark; empty: local[*])", required = false)
    private String master = "";

    @Override
    protected Operation operation() {
        return new CompareOperation();
    }
}
