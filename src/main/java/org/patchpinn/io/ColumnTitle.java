package org.patchpinn.io;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column title of a text recording, {@code "name (unit)"} or {@code "name [unit]"}; the unit is "" when
 * the title has none (readers then refuse the column rather than guess).
 */
record ColumnTitle(String name, String unit) {
    private static final Pattern WITH_UNIT = Pattern.compile("^(.*?)\\s*[(\\[]\\s*([^()\\[\\]]*?)\\s*[)\\]]\\s*$");

    static ColumnTitle parse(String title) {
        Matcher m = WITH_UNIT.matcher(title.trim());
        if (m.matches()) {
            return new ColumnTitle(m.group(1).trim(), m.group(2).trim());
        }
        return new ColumnTitle(title.trim(), "");
    }

    @Override
    public String toString() {
        return unit.isEmpty() ? name : name + " (" + unit + ")";
    }
}
