package com.keystone.crm.platform.chassis.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.function.Function;

/**
 * Jackson checks of every value a body binds to, after Jackson has parsed it: strings without control characters
 * ({@link SafeText}), dates and times within years 1..9999 (PostgreSQL's timestamp range ends in 294276, Java's
 * Instant in 1000000000: a date between the two was a 500 on insert and a corrupted read-back on update), finite
 * floating-point numbers, and decimals with at most {@value #MAX_DECIMAL_DIGITS} integer digits and
 * {@value #MAX_DECIMAL_SCALE} decimals. Services bound their fields tighter with bean validation (e.g. {@code @Digits}).
 */
public final class InputRules extends SimpleModule {
    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;
    static final int MAX_DECIMAL_DIGITS = 30;
    static final int MAX_DECIMAL_SCALE = 10;

    public InputRules() {
        super("crm-input-rules");
        setDeserializerModifier(new Checks());
    }

    static String dateProblem(Object value) {
        if (value instanceof TemporalAccessor t) {
            int year;
            if (t instanceof Instant i) {
                year = OffsetDateTime.ofInstant(i, ZoneOffset.UTC).getYear();
            } else if (t.isSupported(ChronoField.YEAR)) {
                year = t.get(ChronoField.YEAR);
            } else {
                return null;
            }
            if (year < MIN_YEAR || year > MAX_YEAR) {
                return "is out of range (years " + MIN_YEAR + " to " + MAX_YEAR + ")";
            }
        }
        return null;
    }

    static String numberProblem(Object value) {
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            return "is out of range";
        }
        if (value instanceof BigDecimal d) {
            if (d.precision() - d.scale() > MAX_DECIMAL_DIGITS || d.scale() > MAX_DECIMAL_SCALE) {
                return "is out of range (at most " + MAX_DECIMAL_DIGITS + " digits before and " + MAX_DECIMAL_SCALE + " after the point)";
            }
        }
        if (value instanceof BigInteger i && i.bitLength() > 100) {
            return "is out of range";
        }
        return null;
    }

    /** Wraps the deserializers of strings, dates and numbers with the check of their result. */
    static final class Checks extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc, JsonDeserializer<?> deserializer) {
            Class<?> type = desc.getBeanClass();
            if (type == String.class) {
                return new Checked(deserializer, v -> SafeText.problemInBody((String) v), false);
            }
            if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class
                    || type == LocalDate.class || type == LocalDateTime.class) {
                return new Checked(deserializer, InputRules::dateProblem, true);
            }
            if (type == BigDecimal.class || type == BigInteger.class || type == Double.class || type == double.class
                    || type == Float.class || type == float.class) {
                return new Checked(deserializer, InputRules::numberProblem, false);
            }
            return deserializer;
        }
    }

    /**
     * The original deserializer, then the check; a refused value fails naming its field. Dates are ISO 8601 strings
     * only ({@code textOnly}): Jackson would read a number as seconds since 1970, a type error it would hide (the
     * strict scalar rule of {@link StrictJson}).
     */
    static final class Checked extends DelegatingDeserializer {
        private final transient Function<Object, String> check;
        private final boolean textOnly;

        Checked(JsonDeserializer<?> delegate, Function<Object, String> check, boolean textOnly) {
            super(delegate);
            this.check = check;
            this.textOnly = textOnly;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Checked(newDelegatee, check, textOnly);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (textOnly && p.currentToken() != null && p.currentToken().isNumeric()) {
                throw new RejectedValueException(p, "must be a date in ISO 8601 text, not a number");
            }
            Object value = _delegatee.deserialize(p, ctxt);
            String problem = value == null ? null : check.apply(value);
            if (problem != null) {
                throw new RejectedValueException(p, problem);
            }
            return value;
        }
    }
}
