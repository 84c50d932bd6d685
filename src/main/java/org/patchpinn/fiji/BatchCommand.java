package org.patchpinn.fiji;

import org.patchpinn.op.BatchOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Batch. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Batch")
public class BatchCommand extends OperationCommand {
    @Override
    protected Operation operation() {
        return new BatchOperation();
    }
}
