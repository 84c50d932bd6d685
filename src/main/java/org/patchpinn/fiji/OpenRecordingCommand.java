package org.patchpinn.fiji;

import java.io.File;
import org.patchpinn.op.InfoOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Open Recording. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Open Recording")
public class OpenRecordingCommand extends OperationCommand {
    @Parameter(label = "Recording file", style = "open")
    private File file;

    @Parameter(label = "Series (HEKA bundle: group.series, e.g. 1.2, number or label; empty: default)",
            required = false)
    private String series = "";

    @Parameter(label = "Output folder (optional)", style = "directory", required = false)
    private File out;

    @Override
    protected Operation operation() {
        return new InfoOperation();
    }
}
