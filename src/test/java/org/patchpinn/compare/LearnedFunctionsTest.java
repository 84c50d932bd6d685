package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;

class LearnedFunctionsTest {
    @Test
    void aLearnedStateIsComparedThroughItsFunctionsAndOpenConductanceAtReferenceVoltages() {
        ModelSpec base = BuiltinModels.get("traub-rs");
        ModelSpec learned = base.withGatedCurrent("z1", 8.0, -90, "1/(1+exp(-(V+35)/10))",
                "608/(3.3*exp((V+35)/20)+exp(-(V+35)/20))");
        Map<String, Estimate> out = new LinkedHashMap<>();
        ModelRecordingFitter.learnedFunctions(base, learned, out);
        String gate = learned.gates().get(learned.gates().size() - 1).name();
        double zInf = 1 / (1 + Math.exp(-(-50 + 35) / 10.0));
        assertEquals(zInf, out.get(gate + "_inf@-50mV").value(), 1e-12);
        assertEquals(608 / (3.3 * Math.exp(-15 / 20.0) + Math.exp(15 / 20.0)), out.get(gate + "_tau@-50mV").value(),
                1e-9);
        assertEquals(8.0 * zInf, out.get(gate + "_g@-50mV").value(), 1e-12);
        assertEquals("nS", out.get(gate + "_g@-50mV").unit());
        // the base's own gates are not learned functions
        assertFalse(out.keySet().stream().anyMatch(k -> k.startsWith("m_") || k.startsWith("n_")), out.keySet().toString());
    }
}
