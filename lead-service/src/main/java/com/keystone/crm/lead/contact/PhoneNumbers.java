package com.keystone.crm.lead.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Phone numbers to E.164 with libphonenumber. A number without a country code is read in the configured default
 * region (the brokerage's market); anything that is not a valid number for its region is refused.
 */
@ApplicationScoped
public class PhoneNumbers {
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    public PhoneNumbers(@ConfigProperty(name = "crm.phone.default-region", defaultValue = "US") String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** The E.164 form, or empty when the input is not a valid phone number. */
    public Optional<String> toE164(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = util.parse(raw.trim(), defaultRegion);
            if (!util.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
