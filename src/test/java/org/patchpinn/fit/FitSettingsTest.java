package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FitSettingsTest {
    @Test
    void theOptionsTextIsTheSameWhateverOrderTheyWereGivenIn() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("steps", "300");
        a.put("latent", "1");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("latent", "1");
        b.put("steps", "300");
        FitSettings x = new FitSettings(1, 1, 2000, true, "auto", a);
        FitSettings y = new FitSettings(1, 1, 2000, true, "auto", b);
        // compare's resume fingerprint contains this text: it must not depend on the JVM's map order
        assertEquals(x.toString(), y.toString());
        assertTrue(x.toString().contains("options={latent=1, steps=300}"), x.toString());
    }
}
