package com.keystone.crm.platform.chassis.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The REST layer's JSON is strict in every service: a key given twice is refused (Jackson's
 * STRICT_DUPLICATE_DETECTION; which value would win is not something a caller should guess), so is anything after
 * the JSON value ({@code {"a":1}}}}: FAIL_ON_TRAILING_TOKENS), and every bound value passes {@link InputRules}.
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
        return mapper;
    }
}
