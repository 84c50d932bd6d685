package org.patchpinn.fit;

import java.util.List;
import java.util.Optional;

/** Every fit method; the Fit Model command offers their names as choices. */
public final class FitMethods {
    private static final List<FitMethod> ALL = List.of(
            new StagedFit(),
            new ClassicFit(),
            NewStateFitMethod.hybrid(),
            NewStateFitMethod.pinn()
    );

    private FitMethods() {
    }

    public static List<String> names() {
        return ALL.stream().map(FitMethod::name).toList();
    }

    public static Optional<FitMethod> byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public static FitMethod get(String name) {
        return byName(name).orElseThrow(() -> new FitException("unknown fit method '" + name + "' (known: "
                + String.join(", ", names()) + ")"));
    }
}
