package org.patchpinn.fiji;

import org.patchpinn.op.CompareOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Compare Conditions. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Compare Conditions")
public class CompareConditionsCommand extends OperationCommand {
    @Override
    protected Operation operation() {
        return new CompareOperation();
    }
}
