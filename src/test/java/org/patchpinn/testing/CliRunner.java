package org.patchpinn.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.patchpinn.cli.Main;
import org.patchpinn.task.CancelFlag;

/** Runs the command line in-process, as a user would type it, and keeps what it printed. */
public final class CliRunner {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs one command line; returns its exit code. Earlier output is discarded. */
    public int run(String... args) {
        return run(new CancelFlag(), args);
    }

    /** Runs one command line with the given cancellation flag (set it first to test a cancelled run). */
    public int run(CancelFlag cancel, String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), cancel);
    }

    /** What the last run printed on stdout. */
    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What the last run printed on stderr. */
    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
