package com.keystone.crm.platform.chassis.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Many values bound as one parameter: the Java side writes them as JSON text, the SQL side unpacks them, so one
 * statement (one prepared plan, one round trip) serves a batch of any size instead of an IN list of n placeholders.
 * The parameter is bound as text and cast in SQL: Hibernate Reactive has no jsonb bind type.
 */
public final class JsonParameter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonParameter() {
    }

    /** Parameter {@code n} as jsonb. */
    public static String jsonb(int n) {
        return TextParameter.as(n, "jsonb");
    }

    /** The text elements of the JSON array in parameter {@code n}: a set-returning function for FROM or IN (SELECT ..). */
    public static String elements(int n) {
        return "jsonb_array_elements_text(" + jsonb(n) + ")";
    }

    /** The keys of the JSON object in parameter {@code n}: a set-returning function. */
    public static String objectKeys(int n) {
        return "jsonb_object_keys(" + jsonb(n) + ")";
    }

    /** The values (a collection of keys, or of records for jsonb_to_recordset) as the text to bind. */
    public static String of(Object values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("values are not serialisable as JSON", e);
        }
    }
}
