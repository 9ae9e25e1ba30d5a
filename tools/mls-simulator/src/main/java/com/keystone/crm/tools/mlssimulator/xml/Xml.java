package com.keystone.crm.tools.mlssimulator.xml;

/** XML escaping for attribute values and text written by hand. */
public final class Xml {

    private Xml() {
    }

    /**
     * Escapes markup characters; characters XML 1.0 cannot carry at all (most C0 controls) become a space, so the
     * document stays well-formed unless a fault means otherwise.
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? " " : null;
            };
            if (rep != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (rep != null) {
                    out.append(rep);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
