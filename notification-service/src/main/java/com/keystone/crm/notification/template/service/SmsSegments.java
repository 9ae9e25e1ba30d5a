package com.keystone.crm.notification.template.service;

/**
 * How many SMS segments a text takes: GSM-7 (160 septets, 153 per part of a concatenated message; the extension
 * characters take two septets) when every character is in the GSM 03.38 alphabet, else UCS-2 (70 code units, 67 per
 * part).
 */
public final class SmsSegments {
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "^{}\\[~]|€\f";

    private SmsSegments() {
    }

    /** The encoding, length in its units and segment count of a text. */
    public static Count count(String text) {
        int septets = 0;
        boolean gsm = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                gsm = false;
                break;
            }
        }
        if (gsm) {
            return new Count("GSM-7", septets, septets <= 160 ? 1 : (septets + 152) / 153);
        }
        int units = text.length(); // UTF-16 code units: a character outside the BMP takes two
        return new Count("UCS-2", units, units <= 70 ? 1 : (units + 66) / 67);
    }

    /** @param length septets (GSM-7) or UTF-16 code units (UCS-2) */
    public record Count(String encoding, int length, int segments) {
    }
}
