package org.patchpinn.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.patchpinn.task.CancelFlag;
import org.patchpinn.task.Progress;

/**
 * A progress line on stderr, rewritten in place at most a few times a second, only when stderr is a
 * terminal: in pipes, logs and tests the escape codes would garble the one-line error messages.
 */
final class CliProgress implements Progress {
    private final PrintStream err;
    private final CancelFlag cancel;
    private volatile double fraction;
    private volatile String status = "";
    private long lastPrint;
    private boolean printed;

    private final boolean interactive;

    CliProgress(PrintStream err, CancelFlag cancel, boolean interactive) {
        this.err = err;
        this.cancel = cancel;
        this.interactive = interactive;
    }

    @Override
    public synchronized void status(String message) {
        status = message;
        print(false);
    }

    @Override
    public synchronized void fraction(double done) {
        fraction = done;
        print(false);
    }

    @Override
    public synchronized void log(String message) {
        clear();
        err.println(message);
        print(true);
    }

    @Override
    public boolean isCancelled() {
        return cancel.isCancelled();
    }

    synchronized void done() {
        clear();
    }

    private void print(boolean force) {
        if (!interactive) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastPrint < 200_000_000L) {
            return;
        }
        lastPrint = now;
        String line = String.format(Locale.ROOT, "\r[%3d%%] %s", Math.round(100 * fraction), status);
        if (line.length() > 100) {
            line = line.substring(0, 100);
        }
        err.print(line + "\u001b[K");
        err.flush();
        printed = true;
    }

    private void clear() {
        if (printed) {
            err.print("\r\u001b[K");
            err.flush();
            printed = false;
        }
    }
}
