package org.patchpinn.ij1;

import ij.IJ;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.patchpinn.op.Operation;
import org.patchpinn.op.OperationRunner;

/**
 * Runs an operation inside ImageJ 1.x or Fiji and shows its outcome there: tables and charts on success, the
 * status bar on cancel, {@link ErrorReporter} on failure. The ImageJ 1.x plugin and every Fiji command call
 * this; running, writing and catching is {@link OperationRunner}'s job, shared with the CLI.
 */
public final class ImageJHost {
    private ImageJHost() {
    }

    /** Runs {@code op} with parameter values given as text, keyed by parameter key. */
    public static void run(Operation op, Map<String, String> given) {
        try {
            OperationRunner.Outcome outcome = OperationRunner.run(op, given, new ImageJProgress());
            if (outcome instanceof OperationRunner.Done done) {
                ResultsPublisher.publish(done.result());
            } else if (outcome instanceof OperationRunner.Failed failed) {
                if (failed.internal() != null) {
                    StringWriter trace = new StringWriter();
                    failed.internal().printStackTrace(new PrintWriter(trace));
                    IJ.log(trace.toString());
                    failed.internal().printStackTrace();
                }
                ErrorReporter.report(op.title(), failed.message());
            } else if (outcome instanceof OperationRunner.Cancelled cancelled) {
                IJ.showStatus(op.title() + ": cancelled");
                IJ.log(op.title() + ": cancelled: " + cancelled.message());
            }
        } finally {
            IJ.showProgress(1.0);
        }
    }
}
