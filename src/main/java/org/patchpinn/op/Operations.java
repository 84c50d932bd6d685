package org.patchpinn.op;

import java.util.List;
import java.util.Optional;

/** Every operation PatchPINN offers; hosts build their verbs and menus from this list. */
public final class Operations {
    private static final List<Operation> ALL = List.of(
            new InfoOperation(),
            new ExportOperation(),
            new FeaturesOperation(),
            new SimulateOperation(),
            new FitOperation(),
            new SymbolicRegressionOperation(),
            new LawIntoModelOperation(),
            new CompareOperation(),
            new BatchOperation(),
            new DemoOperation()
    );

    private Operations() {
    }

    public static List<Operation> all() {
        return ALL;
    }

    public static Optional<Operation> byVerb(String verb) {
        return ALL.stream().filter(o -> o.verb().equals(verb)).findFirst();
    }
}
