package org.patchpinn.task;

/**
 * How long work talks to its host: status lines, a fraction done, and a cancellation flag. Each host
 * implements it once (Fiji status bar, CLI progress line, silent for tests), the core only calls it.
 */
public interface Progress {
    /** A short human-readable line, e.g. "fitting sweep 3/4". */
    void status(String message);

    /** Fraction of the whole job done, 0..1. */
    void fraction(double done);

    /** A line worth keeping in a log (loss values, warnings). */
    default void log(String message) {
        status(message);
    }

    /** True once the user asked to stop; long loops check it through {@link #checkCancelled()}. */
    boolean isCancelled();

    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** A sub-range [from, to] of this progress, for one step of a multi-step job. */
    default Progress range(double from, double to) {
        Progress parent = this;
        return new Progress() {
            @Override public void status(String message) { parent.status(message); }
            @Override public void fraction(double done) {
                parent.fraction(from + (to - from) * Math.max(0, Math.min(1, done)));
            }
            @Override public void log(String message) { parent.log(message); }
            @Override public boolean isCancelled() { return parent.isCancelled(); }
        };
    }

    /** Progress that reports nothing and is never cancelled. */
    Progress NONE = new Progress() {
        @Override public void status(String message) { }
        @Override public void fraction(double done) { }
        @Override public void log(String message) { }
        @Override public boolean isCancelled() { return false; }
    };
}
