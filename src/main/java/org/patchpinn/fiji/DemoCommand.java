package org.patchpinn.fiji;

import java.io.File;
import org.patchpinn.op.DemoOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>PatchPINN Demo. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>PatchPINN Demo")
public class DemoCommand extends OperationCommand {
    @Parameter(label = "Example data folder", style = "directory")
    private File data;

    @Parameter(label = "Output folder", style = "directory")
    private File out;

    @Override
    protected Operation operation() {
        return new DemoOperation();
    }
}
