package org.patchpinn.fiji;

import org.patchpinn.op.InfoOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Open Recording. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Open Recording")
public class OpenRecordingCommand extends OperationCommand {
    @Override
    protected Operation operation() {
        return new InfoOperation();
    }
}
