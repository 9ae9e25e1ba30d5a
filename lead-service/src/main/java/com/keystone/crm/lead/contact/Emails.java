package com.keystone.crm.lead.contact;

import java.util.Locale;
import java.util.regex.Pattern;

/** Emails as the CRM compares them: trimmed and lower-cased, and plausibly an address. */
public final class Emails {
    // deliberately simple: one @, no spaces, a dot in the domain; deliverability is the mail provider's business
    private static final Pattern PLAUSIBLE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    private Emails() {
    }

    public static String normalise(String raw) {
        return raw == null ? null : raw.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String normalised) {
        return normalised != null && normalised.length() <= 320 && PLAUSIBLE.matcher(normalised).matches()
                && !normalised.contains("..") && !normalised.startsWith(".") && !normalised.contains(".@")
                && !normalised.contains("@.");
    }
}
