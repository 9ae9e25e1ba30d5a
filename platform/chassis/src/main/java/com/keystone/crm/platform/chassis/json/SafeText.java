package com.keystone.crm.platform.chassis.json;

/**
 * The platform's one rule for control characters in text a caller sends. PostgreSQL refuses NUL in text, other
 * control characters corrupt logs, CSV exports and messages, and a lone surrogate is not Unicode; so they are
 * refused (400 naming the field), never stripped. Free text in a body may hold line breaks and tabs; path and query
 * parameters and header values may not.
 */
public final class SafeText {
    private SafeText() {
    }

    /** Body strings: C0 controls other than TAB, LF and CR, DEL, C1 controls and unpaired surrogates. */
    public static String problemInBody(String s) {
        return problem(s, true);
    }

    /** Parameters and header values: every control character, line breaks and tabs included. */
    public static String problemInParameter(String s) {
        return problem(s, false);
    }

    /** What is wrong with the text (for the error message), or null when it is acceptable. */
    static String problem(String s, boolean lineBreaksAllowed) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                if (lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r')) {
                    continue;
                }
                return controlCharacter(c, i);
            }
            if (c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
                return controlCharacter(c, i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate at position " + i;
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate at position " + i;
            }
        }
        return null;
    }

    private static String controlCharacter(char c, int index) {
        return String.format("contains the control character U+%04X at position %d", (int) c, index);
    }
}
