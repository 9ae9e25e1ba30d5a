package com.keystone.crm.lead.lead.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Consent to be contacted per channel; null means unknown (never asked). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Consent(Boolean email, Boolean sms, Boolean call, Boolean push) {
    public static Consent of(Lead l) {
        return new Consent(l.consentEmail, l.consentSms, l.consentCall, l.consentPush);
    }

    /** Applies the channels this consent names (null keeps the lead's value). */
    public void applyTo(Lead l) {
        if (email != null) {
            l.consentEmail = email;
        }
        if (sms != null) {
            l.consentSms = sms;
        }
        if (call != null) {
            l.consentCall = call;
        }
        if (push != null) {
            l.consentPush = push;
        }
    }
}
