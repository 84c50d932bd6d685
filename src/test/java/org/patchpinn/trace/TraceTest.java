package org.patchpinn.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TraceTest {
    @Test
    void lazyTraceRendersOnceOnFirstUseAndMatchesTheDenseTrace() {
        float[] values = {1.5f, -2f, Float.NaN, 4f};
        AtomicInteger renders = new AtomicInteger();
        Trace lazy = Trace.lazy(values.length, () -> {
            renders.incrementAndGet();
            return values.clone();
        });
        Trace dense = Trace.wrap(values.clone());
        assertEquals(4, lazy.length());
        assertEquals(0, renders.get(), "length alone must not render");
        assertEquals(dense, lazy);
        assertEquals(lazy, dense);
        assertEquals(dense.hashCode(), lazy.hashCode());
        assertEquals(-2.0, lazy.get(1));
        assertArrayEquals(dense.toDoubleArray(), lazy.toDoubleArray());
        assertArrayEquals(values, lazy.toFloatArray());
        assertEquals(Double.doubleToLongBits(dense.mean()), Double.doubleToLongBits(lazy.mean()));
        assertEquals(1, renders.get());
    }

    @Test
    void lazyTracesWithDifferentValuesDiffer() {
        assertNotEquals(Trace.wrap(new float[] {1, 2}), Trace.lazy(2, () -> new float[] {1, 3}));
        assertNotEquals(Trace.wrap(new float[] {1, 2}), Trace.lazy(3, () -> new float[] {1, 2, 0}));
    }

    @Test
    void lazyTraceOfTheWrongLengthFailsOnUse() {
        Trace bad = Trace.lazy(3, () -> new float[2]);
        assertThrows(IllegalStateException.class, () -> bad.get(0));
    }
}
