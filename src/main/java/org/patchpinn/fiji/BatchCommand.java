package org.patchpinn.fiji;

import java.io.File;
import org.patchpinn.op.BatchOperation;
import org.patchpinn.op.Operation;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins>PatchPINN>Batch. */
@Plugin(type = Command.class, menuPath = "Plugins>PatchPINN>Batch")
public class BatchCommand extends OperationCommand {
    @Parameter(label = "Manifest (CSV: file, condition, cell)", style = "open")
    private File manifest;

    @Parameter(label = "Run on each recording", choices = {"features", "fit"})
    private String run = "features";

    @Parameter(label = "Options of that command (key=value separated by spaces)", required = false)
    private String args = "";

    @Parameter(label = "Condition column")
    private String condition = "glucose_mM";

    @Parameter(label = "Recordings folder (default: the manifest's folder)", style = "directory", required = false)
    private File folder;

    @Parameter(label = "Output folder (one folder per recording; a re-run resumes)", style = "directory")
    private File out;

    @Parameter(label = "Engine (spark needs Apache Spark; see README)", choices = {"local", "spark"})
    private String engine = "local";

    @Parameter(label = "Spark master (engine spark; empty: local[*])", required = false)
    private String master = "";

    @Parameter(label = "Threads of the local engine (0: all cores)", min = "0")
    private int threads = 0;

    @Parameter(label = "Skip recordings whose saved result has the same content and settings")
    private boolean resume = true;

    @Override
    protected Operation operation() {
        return new BatchOperation();
    }
}
