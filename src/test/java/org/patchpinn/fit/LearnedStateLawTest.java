package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.pinn.FittedModel;
import org.patchpinn.pinn.KnownModel;

class LearnedStateLawTest {
    /** The M-current of traub-rs-m (Pospischil et al.) as a learned state would tabulate it. */
    private static final FittedModel.Latent M_CURRENT = FittedModel.Latent.of(8.88, -90,
            v -> 1 / (1 + Math.exp(-(v + 35) / 10)),
            v -> 608.0 / (3.3 * Math.exp((v + 35) / 20) + Math.exp(-(v + 35) / 20)));

    @Test
    void theClosedFormsRecoverTheMCurrentsLaws() {
        LearnedStateLaw.Gate g = LearnedStateLaw.fit(M_CURRENT);
        assertEquals(-35, g.vhMv(), 0.05);
        assertEquals(10, g.kMv(), 0.05);
        // 608/(3.3 e^{x/20} + e^{−x/20}) is a symmetric bell: 608/√3.3 at its centre −35 − 10·ln 3.3
        assertEquals(608 / Math.sqrt(3.3), g.tauAMs(), 0.5);
        assertEquals(-35 - 10 * Math.log(3.3), g.vtMv(), 0.05);
        assertEquals(20, g.sMv(), 0.05);
    }

    @Test
    void theSpecCarriesEachStateAsAClosedFormCurrentAfterTheBaseWithItsSteadyStateFixed() {
        ModelSpec base = BuiltinModels.get("traub-rs");
        FittedModel learned = new FittedModel(KnownModel.of(base), base.values(), List.of(M_CURRENT));
        ModelSpec law = LearnedStateLaw.spec(learned.baseSpec(), learned);
        assertEquals(base.parameterCount() + 7, law.parameterCount());
        for (String p : List.of("gz1", "Ez1", "taz1", "Vtz1", "sz1")) {
            assertEquals(false, law.parameter(p).fixed(), p);
        }
        // spike statistics do not pin the steady-state curve: it stays as read from the network
        for (String p : List.of("Vhz1", "kz1")) {
            assertEquals(true, law.parameter(p).fixed(), p);
        }
        FittedModel.Latent back = LearnedStateLaw.latents(law, 1).get(0);
        for (double v = -80; v <= -30; v += 10) {
            assertEquals(M_CURRENT.zInfAt(v), back.zInfAt(v), 1e-3, "z at " + v);
            assertEquals(M_CURRENT.tauAt(v), back.tauAt(v), 0.01 * M_CURRENT.tauAt(v), "tau at " + v);
        }
        assertEquals(true, law.isWritable());
    }

    @Test
    void theLawStagesRefitStagesEveryStateSlowEvenAFastOne() {
        // an M-current with τmax 150 ms: τz ≈ 32 ms at −60 mV, which the kinetics alone read as a fast current
        FittedModel.Latent fast = FittedModel.Latent.of(6, -90, M_CURRENT::zInfAt,
                v -> 150.0 / (3.3 * Math.exp((v + 35) / 20) + Math.exp(-(v + 35) / 20)));
        ModelSpec base = BuiltinModels.get("traub-rs");
        FittedModel learned = new FittedModel(KnownModel.of(base), base.values(), List.of(fast));
        ModelSpec law = LearnedStateLaw.spec(learned.baseSpec(), learned);
        assertEquals(FitStage.ACTIVE, FitStage.of(law).get("gz1"));
        java.util.Map<String, FitStage> stages = StagedFit.withStates(LearnedStateLaw.parameters(1)).stagesOf(law);
        for (String p : LearnedStateLaw.parameters(1)) {
            assertEquals(FitStage.SLOW, stages.get(p), p);
        }
        assertEquals(FitStage.ACTIVE, stages.get("gNa"));
        assertEquals(FitStage.PASSIVE, stages.get("Cm"));
    }
}
