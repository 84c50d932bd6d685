package org.patchpinn.fiji;

import java.io.File;
import org.patchpinn.op.ExportOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Export Recording. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Export Recording")
public class ExportRecordingCommand extends OperationCommand {
    @Parameter(label = "Recording file", style = "open")
    private File file;

    @Parameter(label = "Series (HEKA bundle: group.series, e.g. 1.2, number or label; empty: default)",
            required = false)
    private String series = "";

    @Parameter(label = "Output folder", style = "directory")
    private File out;

    @Override
    protected Operation operation() {
        return new ExportOperation();
    }
}
