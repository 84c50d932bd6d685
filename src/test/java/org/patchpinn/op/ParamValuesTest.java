package org.patchpinn.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.patchpinn.InvalidParameterException;
import org.junit.jupiter.api.Test;

class ParamValuesTest {
    private static final List<ParamSpec> SPECS = List.of(
            ParamSpec.number("dvdt", 20, 0.1, 1000, "dV/dt threshold (V/s)"),
            ParamSpec.integer("starts", 3, 1, 50, "number of starts"),
            ParamSpec.choice("method", "classic", "fit method", "classic", "pinn"),
            ParamSpec.bool("plots", true, "write plots"),
            ParamSpec.string("sweeps", "", "sweeps"));

    @Test
    void defaultsApplyAndTypedGettersParse() {
        ParamValues v = new ParamValues(SPECS, Map.of("dvdt", "15.5", "sweeps", "0,2,4-6"));
        assertEquals(15.5, v.number("dvdt"));
        assertEquals(3, v.integer("starts"));
        assertEquals("classic", v.string("method"));
        assertTrue(v.bool("plots"));
        assertEquals(List.of(0, 2, 4, 5, 6), v.indices("sweeps"));
    }

    /** --fit lists: the names the fit frees and the names it records as named by the user are read alike. */
    @Test
    void parameterListsAreSplitOnCommasSemicolonsAndSpaces() {
        assertEquals(List.of("gNa", "qNa", "qK", "VT"), ModelParams.listed(" gNa, qNa qK;VT "));
        assertEquals(List.of(), ModelParams.listed(""));
    }

    @Test
    void impossibleValuesAreRejectedNamingTheParameter() {
        assertMessage("dvdt", Map.of("dvdt", "-3"));
        assertMessage("dvdt", Map.of("dvdt", "abc"));
        assertMessage("dvdt", Map.of("dvdt", "NaN"));
        assertMessage("starts", Map.of("starts", "2.5"));
        assertMessage("method", Map.of("method", "magic"));
        assertMessage("plots", Map.of("plots", "maybe"));
        assertMessage("bogus", Map.of("bogus", "1"));
        assertThrows(InvalidParameterException.class,
                () -> new ParamValues(SPECS, Map.of("sweeps", "1-x")).indices("sweeps"));
    }

    @Test
    void requiredFileMustExist() {
        List<ParamSpec> specs = List.of(ParamSpec.file("file", "input"));
        assertMessage(specs, "file", Map.of());
        assertMessage(specs, "file", Map.of("file", "/no/such/file.abf"));
    }

    private static void assertMessage(String key, Map<String, String> given) {
        assertMessage(SPECS, key, given);
    }

    private static void assertMessage(List<ParamSpec> specs, String key, Map<String, String> given) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new ParamValues(specs, given));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    }
}
