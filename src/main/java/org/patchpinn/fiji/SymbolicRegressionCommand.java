package org.patchpinn.fiji;

import java.io.File;
import org.patchpinn.op.Operation;
import org.patchpinn.op.SymbolicRegressionOperation;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Symbolic Regression. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Symbolic Regression")
public class SymbolicRegressionCommand extends OperationCommand {
    @Parameter(label = "Table (CSV/TSV)", style = "open")
    private File file;

    @Parameter(label = "Input columns (comma-separated, empty: all but y)", required = false)
    private String x = "";

    @Parameter(label = "Output column (empty: last)", required = false)
    private String y = "";

    @Parameter(label = "Seed", min = "0")
    private int seed = 1;

    @Parameter(label = "Time limit (s)", min = "1")
    private double max_time_s = 60;

    @Parameter(label = "Populations (islands)", min = "1", max = "64")
    private int populations = 4;

    @Parameter(label = "Population size", min = "10")
    private int population_size = 100;

    @Parameter(label = "Generations", min = "1")
    private int generations = 400;

    @Parameter(label = "Maximum complexity (nodes)", min = "3", max = "80")
    private int max_complexity = 25;

    @Parameter(label = "Threads (0: all)", min = "0")
    private int threads = 0;

    @Parameter(label = "Loss weighting", choices = {"auto", "relative", "absolute"})
    private String loss = "auto";

    @Parameter(label = "HH rate-law building blocks")
    private boolean templates = true;

    @Parameter(label = "Output folder (optional)", style = "directory", required = false)
    private File out;

    @Override
    protected Operation operation() {
        return new SymbolicRegressionOperation();
    }
}
