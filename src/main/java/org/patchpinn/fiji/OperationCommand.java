package org.patchpinn.fiji;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patchpinn.PatchPinnException;
import org.patchpinn.ij1.ImageJProgress;
import org.patchpinn.ij1.ResultsPublisher;
import org.patchpinn.op.Operation;
import org.patchpinn.op.OperationResult;
import org.patchpinn.op.ParamSpec;
import org.patchpinn.op.ParamValues;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.task.CancelledException;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * Base of the SciJava commands: subclasses declare {@code @Parameter} fields named exactly like the
 * operation's parameter keys (a test checks this), and this class hands their values to the operation and
 * publishes its tables and charts in Fiji.
 */
public abstract class OperationCommand implements Command {
    @Parameter
    private LogService log;

    /** The operation this command runs. */
    protected abstract Operation operation();

    @Override
    public void run() {
        Operation op = operation();
        try {
            ParamValues values = new ParamValues(op.params(), collect(op));
            OperationResult result = op.run(values, new ImageJProgress());
            Path out = op.params().stream().anyMatch(p -> p.key().equals("out")) ? values.path("out") : null;
            if (out != null) {
                result.writeRun(new OutputFolder(out), op.verb(), values.inputFiles());
            }
            ResultsPublisher.publish(result);
        } catch (CancelledException e) {
            log.info(op.title() + ": cancelled");
        } catch (PatchPinnException e) {
            log.error(op.title() + ": " + e.getMessage());
            org.patchpinn.ij1.ErrorReporter.report(op.title(), e.getMessage());
        }
    }

    /** Reads the @Parameter fields whose names are parameter keys. */
    private Map<String, String> collect(Operation op) {
        Map<String, String> given = new LinkedHashMap<>();
        for (ParamSpec p : op.params()) {
            Field f = findField(getClass(), p.key());
            if (f == null) {
                continue;
            }
            try {
                f.setAccessible(true);
                Object v = f.get(this);
                if (v != null) {
                    given.put(p.key(), v instanceof File file ? file.getPath() : v.toString());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return given;
    }

    static Field findField(Class<?> c, String name) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            try {
                return k.getDeclaredField(name);
            } catch (NoSuchFieldException ignored) {
                // look in the superclass
            }
        }
        return null;
    }
}
