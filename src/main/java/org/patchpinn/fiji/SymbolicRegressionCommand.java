package org.patchpinn.fiji;

import org.patchpinn.op.Operation;
import org.patchpinn.op.SymbolicRegressionOperation;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Symbolic Regression. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Symbolic Regression")
public class SymbolicRegressionCommand extends OperationCommand {
    @Override
    protected Operation operation() {
        return new SymbolicRegressionOperation();
    }
}
