package com.keystone.crm.scoring.learning;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a column of a training set is for. */
public enum ColumnRole {
    ID, LABEL, NUMERIC, CATEGORICAL, DATE, IGNORE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ColumnRole of(String value) {
        for (ColumnRole r : values()) {
            if (r.json().equals(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown column role '" + value + "' (id, label, numeric, categorical, date, ignore)");
    }
}
