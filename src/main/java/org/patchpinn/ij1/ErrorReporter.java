package org.patchpinn.ij1;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;

/**
 * Shows a user error. Interactively, a dialog. Inside a macro, the message goes to the Log window (and
 * stderr, for command-line batch runs) and the macro is aborted: a modal dialog would wait forever in a
 * batch run, and a macro that carried on would work on the previous file's tables.
 */
public final class ErrorReporter {
    private ErrorReporter() {
    }

    public static void report(String title, String message) {
        if (IJ.isMacro()) {
            IJ.log(title + ": " + message);
            System.err.println("PatchPINN " + title + ": " + message);
            Interpreter.abort(); // stops the running macro (Macro.abort() only does on "Macro$" threads)
            Macro.abort();
        } else {
            IJ.error(title, message);
        }
    }
}
