package com.keystone.crm.lead.lead.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.format.DateTimeParseException;

import com.keystone.crm.platform.chassis.paging.ListQuery;

/**
 * An ISO-8601 instant of the years 1 to 9999 given as text (a query parameter); null is valid. Checked with the
 * other bean constraints so one 400 names every bad parameter, updatedSince among them.
 */
@Documented
@Constraint(validatedBy = ValidInstant.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidInstant {
    String message() default "must be an ISO-8601 instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidInstant, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                ListQuery.boundedInstant(value);
                return true;
            } catch (DateTimeParseException | IllegalArgumentException e) {
                return false;
            }
        }
    }
}
