package com.keystone.crm.lead.routing.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;

/** Stores the method by its wire name, as the table's CHECK constraint expects. */
@Converter
public class AssignmentMethodConverter implements AttributeConverter<AssignmentMethod, String> {
    @Override
    public String convertToDatabaseColumn(AssignmentMethod method) {
        return method == null ? null : method.wire();
    }

    @Override
    public AssignmentMethod convertToEntityAttribute(String value) {
        return value == null ? null : Arrays.stream(AssignmentMethod.values()).filter(m -> m.wire().equals(value))
                .findFirst().orElseThrow(() -> new IllegalStateException("unknown assignment method " + value));
    }
}
