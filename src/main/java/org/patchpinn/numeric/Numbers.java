package org.patchpinn.numeric;

import java.util.List;

/**
 * Numbers typed by a user or read from a text file, where NaN and Infinity are never meant, and lists of whole
 * numbers written for a person.
 */
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

    /** Ascending whole numbers (e.g. sweep numbers) as runs: "3, 5-9, 12". */
    public static String ranges(List<Integer> sorted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            out.append(out.length() == 0 ? "" : ", ").append(sorted.get(i));
            if (j > i) {
                out.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
