package org.patchpinn.op;

import java.util.List;
import org.patchpinn.task.Progress;

/**
 * One capability of PatchPINN as all three hosts see it: a CLI verb, a menu command and a macro
 * {@code run(title, options)} line, with the same parameters. Implementations only translate parameters to
 * core calls and core results to an {@link OperationResult}; the science lives in the core packages.
 */
public interface Operation {
    /** CLI verb, e.g. "features". */
    String verb();

    /** Menu and macro command name, e.g. "Summary Statistics". */
    String title();

    /** One paragraph for --help. */
    String description();

    List<ParamSpec> params();

    OperationResult run(ParamValues values, Progress progress);

    /**
     * True when a run writes into its output folder while it works (finished recordings, finished steps), so
     * a cancelled run leaves those behind; false when everything is written at the end, all or none.
     */
    default boolean savesAsItGoes() {
        return false;
    }
}
