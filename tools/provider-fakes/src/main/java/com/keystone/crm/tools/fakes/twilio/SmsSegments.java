package com.keystone.crm.tools.fakes.twilio;

/**
 * How many SMS segments a body takes, as carriers count them: GSM 03.38 (7-bit; the extension table's characters
 * take two septets) fits 160 septets in one segment and 153 per segment once concatenated; anything outside it
 * makes the whole message UCS-2, 70 UTF-16 units in one segment and 67 per segment.
 */
public final class SmsSegments {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private SmsSegments() {
    }

    public static boolean isGsm7(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    public static int count(String body) {
        if (body == null || body.isEmpty()) {
            return 1;
        }
        if (isGsm7(body)) {
            int septets = 0;
            for (int i = 0; i < body.length(); i++) {
                septets += GSM_EXTENSION.indexOf(body.charAt(i)) >= 0 ? 2 : 1;
            }
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        int units = body.length();
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
