package org.patchpinn.fiji;

import org.patchpinn.op.DemoOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>PatchPINN Demo. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>PatchPINN Demo")
public class DemoCommand extends OperationCommand {
    @Override
    protected Operation operation() {
        return new DemoOperation();
    }
}
