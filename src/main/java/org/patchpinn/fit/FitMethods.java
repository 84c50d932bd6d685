package org.patchpinn.fit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.patchpinn.InvalidParameterException;

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

    /**
     * Refuses options given to a method that reads none: only hybrid and pinn take options (they check their own
     * keys); classic and trace ignored them without a word ({@code fit … --options foo=bar} ran as if not given).
     */
    public static void checkOptions(FitMethod method, Map<String, String> options) {
        if (!(method instanceof NewStateFitMethod) && !options.isEmpty()) {
            throw new InvalidParameterException("options", "options " + options.keySet() + " apply to methods that "
                    + "learn new states (hybrid, pinn); method " + method.name() + " takes none");
        }
    }

    public static FitMethod get(String name) {
        return byName(name).orElseThrow(() -> new FitException("unknown fit method '" + name + "' (known: "
                + String.join(", ", names()) + ")"));
    }
}
