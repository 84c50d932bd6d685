package org.patchpinn.fiji;

import org.patchpinn.op.FeaturesOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Summary Statistics. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Summary Statistics")
public class SummaryStatisticsCommand extends OperationCommand {
    @Override
    protected Operation operation() {
        return new FeaturesOperation();
    }
}
