package org.patchpinn.op;

/**
 * An {@link Operation} whose verb, title and description are fixed when it is made, so that an operation class
 * states them once in its constructor and implements only {@link #params()} and {@link #run}.
 */
public abstract class BasicOperation implements Operation {
    private final String verb;
    private final String title;
    private final String description;

    protected BasicOperation(String verb, String title, String description) {
        this.verb = verb;
        this.title = title;
        this.description = description;
    }

    @Override
    public final String verb() {
        return verb;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String description() {
        return description;
    }
}
