package com.keystone.crm.platform.contracts;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of validating one payload against its event type's schema.
 *
 * @param eventType the event type the payload was validated as
 * @param errors    human-readable problems, each naming the JSON path it concerns, e.g.
 *                  {@code $.status: does not have a value in the enumeration [...]}; empty when valid
 */
public record ValidationResult(String eventType, List<String> errors) {

    public ValidationResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A result without errors. */
    public static ValidationResult valid(String eventType) {
        return new ValidationResult(eventType, List.of());
    }

    /** A result with the given errors. */
    public static ValidationResult invalid(String eventType, List<String> errors) {
        Objects.requireNonNull(errors, "errors");
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs at least one error");
        }
        return new ValidationResult(eventType, errors);
    }

    /** True when the payload satisfies the schema. */
    public boolean isValid() {
        return errors.isEmpty();
    }

    /** The errors joined with {@code "; "}, or {@code "valid"}. */
    public String summary() {
        return isValid() ? "valid" : String.join("; ", errors);
    }

    /** Throws {@link InvalidEventException} unless valid. */
    public ValidationResult orThrow() {
        if (!isValid()) {
            throw new InvalidEventException(eventType, errors);
        }
        return this;
    }
}
