package org.patchpinn.model;

/**
 * Bounds on expression text read from files (model files, result.json): parsers and the compiled trees
 * recurse once per nesting level, so a crafted formula nested thousands deep would overflow the stack.
 * Real laws are far inside these bounds (symbolic regression stops at 80 nodes).
 */
public final class ExpressionLimits {
    /** Deepest nesting of parentheses accepted. */
    public static final int MAX_NESTING = 64;
    /** Longest expression text accepted, in characters. */
    public static final int MAX_LENGTH = 10_000;

    private ExpressionLimits() {
    }

    /**
     * Null when {@code text} is within bounds, else the reason it is not (for the caller's exception, which
     * names the file or the law).
     */
    public static String violation(String text) {
        if (text.length() > MAX_LENGTH) {
            return "expression of " + text.length() + " characters is longer than " + MAX_LENGTH;
        }
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' && ++depth > MAX_NESTING) {
                return "parentheses nested more than " + MAX_NESTING + " deep (at character " + i + ")";
            }
            if (c == ')') {
                depth--;
            }
        }
        return null;
    }
}
