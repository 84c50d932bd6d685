package org.patchpinn.task;

import java.util.concurrent.atomic.AtomicBoolean;

/** A thread-safe cancellation flag hosts set (Esc in Fiji, Ctrl-C in the CLI). */
public final class CancelFlag {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
