package com.keystone.crm.lead.contact;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.eclipse.microprofile.config.ConfigProvider;

public class ValidPhoneValidator implements ConstraintValidator<ValidPhone, String> {
    private PhoneNumbers phones;

    @Override
    public void initialize(ValidPhone constraint) {
        phones = new PhoneNumbers(ConfigProvider.getConfig()
                .getOptionalValue("crm.phone.default-region", String.class).orElse("US"));
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || phones.toE164(value).isPresent();
    }
}
