package org.patchpinn.numeric;

/** Numbers typed by a user or read from a text file, where NaN and Infinity are never meant. */
public final class Numbers {
    private Numbers() {
    }

    /**
     * The finite number {@code text} spells (Java syntax, surrounding white space allowed), or NaN when it
     * spells none; each caller words its own error.
     */
    public static double parseFinite(String text) {
        try {
            double d = Double.parseDouble(text);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
