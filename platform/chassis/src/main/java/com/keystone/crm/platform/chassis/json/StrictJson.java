package com.keystone.crm.platform.chassis.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The REST layer's JSON is strict in every service: a key given twice is refused (Jackson's
 * STRICT_DUPLICATE_DETECTION; which value would win is not something a caller should guess), so is anything after
 * the JSON value ({@code {"a":1}}}}: FAIL_ON_TRAILING_TOKENS), and every bound value passes {@link InputRules}.
 * A value of the wrong JSON type is refused, not converted: a number or boolean where a string is declared ({@code
 * "name": 12345} became the name "12345"), a string where a number or boolean is declared ({@code "budgetMin":
 * "350000"}), a number where a boolean or an enum is declared (an enum's index), a fraction where an integer is
 * declared (1.5 became 1), and an empty string where a number is declared (it became null). The documents say which
 * type each field has; a client sending another has a bug that a conversion would hide.
 * The problem mappers turn each refusal into a 400 naming the field or key.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** The same rules for a mapper a service builds itself. */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(new InputRules());
        refuseScalarCoercion(mapper);
        return mapper;
    }

    /** The wrong JSON type for a declared scalar is a type error (see the class comment). */
    static void refuseScalarCoercion(ObjectMapper mapper) {
        // strings to numbers and booleans, empty strings to null numbers, numbers to booleans
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        // numbers and booleans to strings (ALLOW_COERCION_OF_SCALARS does not cover the textual target)
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }
}
