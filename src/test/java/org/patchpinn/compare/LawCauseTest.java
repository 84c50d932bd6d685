package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patchpinn.symbolic.Law;

class LawCauseTest {
    private static final Law GX = new Law("gX (nS)", List.of("G"), "5/(1+(G/1.5)^2)", "5/(1 + (G/1.5)**2)", 0.99,
            "leak / extra-conductance decomposition", x -> 0);

    private static MechanismComparison.Ranked ranked(String kind, String parameter) {
        return new MechanismComparison.Ranked(new Mechanism(parameter + "(G)", kind, parameter, false), 1, 1,
                Double.NaN, Map.of(), new double[0], new MechanismComparison.Change(0.01, true), Double.NaN);
    }

    private static MechanismComparison.Result result(List<MechanismComparison.Ranked> ranking, String verdict) {
        return new MechanismComparison.Result(ranking, 10, true, verdict, null, Map.of(), Map.of());
    }

    @Test
    void theDecompositionsLawIsMarkedWhenAnotherMechanismRanksFirst() {
        Law l = ConditionComparison.notTheCause(GX, result(List.of(ranked("reversal potential", "EK"),
                ranked(Mechanism.EXTRA, Mechanism.EXTRA_G)), "reversal EK(G) explains the change best"));
        assertTrue(l.source().contains("NOT the cause") && l.source().contains("reversal EK(G)"), l.source());
        Law none = ConditionComparison.notTheCause(GX, result(List.of(), "no mechanism: no quantity changes"));
        assertTrue(none.source().contains("NOT the cause"), none.source());
    }

    @Test
    void theDecompositionsLawStandsWhenTheExtraConductanceRanksFirst() {
        Law l = ConditionComparison.notTheCause(GX, result(List.of(ranked(Mechanism.EXTRA, Mechanism.EXTRA_G)),
                "extra conductance explains the change best"));
        assertEquals(GX.source(), l.source());
        assertEquals(GX.source(), ConditionComparison.notTheCause(GX, null).source(), "no comparison ran");
    }
}
