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

    @Parameter(label = "Output folder (optional)", style = "directory", required = false)
    private File out;

    @Override
    protected Operation operation() {
        return new LawIntoModelOperation();
    }
}
