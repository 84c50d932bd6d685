package org.patchpinn.pinn;

import java.util.List;
import org.patchpinn.model.BuiltinModels;

/** Known models for tests: the built-ins with their conductances free (Cm, reversals and VT kept). */
final class TestBases {
    static final KnownModel TRAUB_RS = conductances("traub-rs");
    static final KnownModel HH_SQUID = conductances("hh-squid");

    private TestBases() {
    }

    static KnownModel conductances(String builtin) {
        return KnownModel.of(BuiltinModels.get(builtin).withFree(List.of("gNa", "gK", "gL")));
    }
}
