package org.patchpinn.fiji;

import java.io.File;
import org.patchpinn.op.LawIntoModelOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Law Into Model. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Law Into Model")
public class LawIntoModelCommand extends OperationCommand {
    @Parameter(label = "Base model (built-in name or model file)")
    private String model = "traub-rs";

    @Parameter(label = "z_inf law (Symbolic Regression result.json)", style = "open")
    private File zinf;

    @Parameter(label = "tau_z law (Symbolic Regression result.json)", style = "open")
    private File tau;

    @Parameter(label = "Current name")
    private String current = "X";

    @Parameter(label = "g (nS)", min = "0")
    private double g = 10;

    @Parameter(label = "E (mV)")
    private double e = -90;

    @Parameter(label = "Check step (pA)")
    private double step_pa = 200;

    @Parameter(label = "Base parameter values (e.g. gNa=6600,gL=2.9)", required = false)
    private String values = "";

    @Parameter(label = "Recording for held-out validation (optional)", style = "open", required = false)
    private File file;

    @Parameter(label = "Series (HEKA bundle: group.series, e.g. 1.2, number or label; empty: default)",
            required = false)
    private String series = "";

    @Parameter(label = "Held-out sweeps (from 0; auto = last)")
    private String holdout = "auto";

    @Parameter(label = "Network functions learned.csv (optional)", style = "open", required = false)
    private File learned;

    @Parameter(label = "Output folder (optional)", style = "directory", required = false)
    private File out;

    @Override
    protected Operation operation() {
        return new LawIntoModelOperation();
    }
}
