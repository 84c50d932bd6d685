package org.patchpinn.fiji;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patchpinn.ij1.ImageJHost;
import org.patchpinn.op.Operation;
import org.patchpinn.op.ParamSpec;
import org.scijava.command.DynamicCommand;
import org.scijava.command.DynamicCommandInfo;

/**
 * Base of the SciJava commands. Their inputs are not declared by hand: they are generated from the operation's
 * {@link ParamSpec}s (name, type, label, default, choices, limits) the first time SciJava asks for this
 * command's inputs, so the Fiji dialog, the macro keys and the CLI options can never drift apart. Running
 * hands the input values to {@link ImageJHost}, the same code the ImageJ 1.x plugin uses.
 */
public abstract class OperationCommand extends DynamicCommand {
    private boolean inputsAdded;

    /** The operation this command runs. */
    protected abstract Operation operation();

    @Override
    public DynamicCommandInfo getInfo() {
        DynamicCommandInfo info = super.getInfo();
        if (!inputsAdded) {
            inputsAdded = true;
            for (ParamSpec p : operation().params()) {
                if (info.getInput(p.key()) == null) { // a hand-written @Parameter field wins (the test flags it)
                    info.addInput(CommandInputs.item(info, p));
                }
            }
        }
        return info;
    }

    @Override
    public void run() {
        Operation op = operation();
        Map<String, String> given = new LinkedHashMap<>();
        for (ParamSpec p : op.params()) {
            Object v = getInput(p.key());
            if (v != null) {
                given.put(p.key(), v instanceof File file ? file.getPath() : v.toString());
            }
        }
        ImageJHost.run(op, given);
    }
}
