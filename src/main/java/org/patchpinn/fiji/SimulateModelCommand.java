package org.patchpinn.fiji;

import org.patchpinn.op.Operation;
import org.patchpinn.op.SimulateOperation;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Simulate Model. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Simulate Model")
public class SimulateModelCommand extends OperationCommand {
    @Override
    protected Operation operation() {
        return new SimulateOperation();
    }
}
