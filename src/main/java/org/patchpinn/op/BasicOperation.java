package org.patchpinn.op;

/**
 * An {@link Operation} whose verb, title and description are fixed when it is made, so that an operation class
 * states them once in its constructor and implements only {@link #params()} and {@link #run}.
 */
public abstract class BasicOperation implements Operation {
    private record Names(String verb, String title, String description) {
    }

    private final Names names;

    protected BasicOperation(String verb, String title, String description) {
        names = new Names(verb, title, description);
    }

    @Override
    public final String verb() {
        return names.verb();
    }

    @Override
    public final String title() {
        return names.title();
    }

    @Override
    public final String description() {
        return names.description();
    }
}
