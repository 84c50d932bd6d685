package org.patchpinn.fiji;

import org.patchpinn.op.FitOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Fit Model. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Fit Model")
public class FitModelCommand extends OperationCommand {
    @Override
    protected Operation operation() {
        return new FitOperation();
    }
}
