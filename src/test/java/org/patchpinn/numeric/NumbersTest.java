package org.patchpinn.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shared number helpers: finite numbers from text, and the two median conventions. */
class NumbersTest {
    @Test
    void parseFiniteReadsNumbersAndRefusesTheRest() {
        assertEquals(1.5, Numbers.parseFinite(" 1.5 "));
        assertEquals(-1000, Numbers.parseFinite("-1e3"));
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "", "1,5", "abc"}) {
            assertTrue(Double.isNaN(Numbers.parseFinite(bad)), bad);
        }
    }

    @Test
    void medianAveragesTheMiddlePairAndUpperMedianTakesTheHigher() {
        double[] v = {9, 4, 1, 3, 2, 9};
        assertEquals(2.5, Median.of(v, 1, 5)); // 4 1 3 2
        assertEquals(3, Median.upper(v, 1, 5));
        assertEquals(3, Median.of(new double[] {3, 1, 7}));
        assertEquals(3, Median.upper(new double[] {3, 1, 7}));
        assertTrue(Double.isNaN(Median.of(v, 2, 2)));
        assertTrue(Double.isNaN(Median.upper(new double[0])));
        assertArrayEquals(new double[] {9, 4, 1, 3, 2, 9}, v, "the input is not sorted in place");
    }
}
