package com.keystone.crm.lead.importing.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;

/** Stores a job status by its wire name, the values the table's CHECK constraint and the worker's SQL use. */
@Converter
public class ImportJobStatusConverter implements AttributeConverter<ImportJobStatus, String> {
    @Override
    public String convertToDatabaseColumn(ImportJobStatus status) {
        return status == null ? null : status.wire();
    }

    @Override
    public ImportJobStatus convertToEntityAttribute(String value) {
        return value == null ? null : Arrays.stream(ImportJobStatus.values())
                .filter(s -> s.wire().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown import job status " + value));
    }
}
