package org.patchpinn.fiji;

import org.patchpinn.op.ExportOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Export Recording. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Export Recording")
public class ExportRecordingCommand extends OperationCommand {
    @Override
    protected Operation operation() {
        return new ExportOperation();
    }
}
