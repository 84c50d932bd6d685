package org.patchpinn.op;

import java.nio.file.Path;
import java.util.Map;
import org.patchpinn.PatchPinnException;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.task.CancelledException;
import org.patchpinn.task.Progress;

/**
 * Runs one operation the same way for every host (CLI, ImageJ 1.x, Fiji): checks the given parameter values,
 * runs the operation, writes its outputs when an output folder was given (as one run of its verb, see
 * {@link OperationResult#writeRun}: all or none, never over an input, the previous run's outputs replaced),
 * and turns every failure into one {@link Outcome}. Hosts only show the outcome: exit codes and stderr for the CLI, windows, ResultsTables and
 * the Log for ImageJ and Fiji. A host never catches exceptions itself, so all three fail alike.
 */
public final class OperationRunner {
    private OperationRunner() {
    }

    /** What came of a run. */
    public sealed interface Outcome permits Done, Cancelled, Failed {
    }

    /**
     * The operation finished.
     *
     * @param outDir the folder its outputs were written to, or null when none was given
     */
    public record Done(OperationResult result, Path outDir) implements Outcome {
    }

    /**
     * The user cancelled.
     *
     * @param keptIn the output folder that keeps what the operation saved before the cancel (an operation that
     *               {@linkplain Operation#savesAsItGoes() saves as it goes}), or null when nothing was written
     */
    public record Cancelled(Path keptIn) implements Outcome {
        /** What a host tells the user, after "cancelled: ". */
        public String message() {
            return keptIn == null ? "nothing written"
                    : "what was finished before is saved in " + keptIn.toAbsolutePath()
                    + "; the run's summary files were not written";
        }
    }

    /**
     * The operation failed.
     *
     * @param message  one line for the user (for a user error, the exception's message as is)
     * @param internal the unexpected exception behind an internal failure (a bug), null for a user error
     */
    public record Failed(String message, Throwable internal) implements Outcome {
    }

    /**
     * Runs {@code operation} with the parameter values given as text (key to value, as from a command line,
     * a dialog or a macro). Never throws: every failure is a {@link Failed} or {@link Cancelled} outcome.
     */
    public static Outcome run(Operation operation, Map<String, String> given, Progress progress) {
        Path outDir = null;
        try {
            ParamValues values = new ParamValues(operation.params(), given);
            outDir = hasOutputFolder(operation) ? values.path("out") : null;
            OperationResult result = operation.run(values, progress);
            if (outDir != null) {
                // the run's manifest replaces the previous run's outputs; never written over one of its inputs
                result.writeRun(new OutputFolder(outDir), operation.verb(), values.inputFiles());
            }
            return new Done(result, outDir);
        } catch (CancelledException e) {
            return new Cancelled(operation.savesAsItGoes() ? outDir : null);
        } catch (PatchPinnException e) {
            return new Failed(e.getMessage(), null);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return new Failed("internal failure in " + operation.verb() + ": " + e, e);
        }
    }

    /** Whether the operation takes an output folder ({@code out}). */
    public static boolean hasOutputFolder(Operation operation) {
        return operation.params().stream().anyMatch(p -> p.key().equals("out"));
    }
}
