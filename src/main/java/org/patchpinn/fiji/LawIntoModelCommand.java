package org.patchpinn.fiji;

import org.patchpinn.op.LawIntoModelOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Law Into Model. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Law Into Model")
public class LawIntoModelCommand extends OperationCommand {
    @Override
    protected Operation operation() {
        return new LawIntoModelOperation();
    }
}
