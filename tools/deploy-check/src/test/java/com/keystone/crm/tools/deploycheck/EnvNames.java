package com.keystone.crm.tools.deploycheck;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * MicroProfile Config's environment-variable rule, as SmallRye Config applies it: a property {@code a.b-c."d"} is
 * read from the variable {@code A_B_C__D_} (every character that is not a letter or digit becomes {@code _}, then
 * upper case). A property pattern may hold {@code *} segments (a map key of a config mapping, a name a service looks
 * up at run time), which match one or more variable characters.
 */
public final class EnvNames {
    private EnvNames() {
    }

    public static String of(String property) {
        StringBuilder env = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            env.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        }
        return env.toString().toUpperCase(Locale.ROOT);
    }

    /** The variables a property pattern ({@code crm.notify.providers.*.base-url}) is read from, as a regex. */
    public static Pattern pattern(String propertyPattern) {
        StringBuilder regex = new StringBuilder();
        String[] parts = propertyPattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(of(parts[i])));
        }
        return Pattern.compile(regex.toString());
    }
}
