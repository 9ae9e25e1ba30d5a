package com.keystone.crm.lead.importing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Lines of the downloadable error report, quoted by Jackson's CSV writer: {@code row}, {@code errors}, then the
 * file's own columns, so the report can be fixed in a spreadsheet and imported again with the same mapping.
 */
final class ImportRowErrorCsv {
    // strict: quote only the cells that need it (a separator, a quote, a line break), as spreadsheets do
    private static final ObjectWriter WRITER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build().writerFor(String[].class)
            .with(CsvSchema.emptySchema().withLineSeparator("\r\n"));

    private ImportRowErrorCsv() {
    }

    static String line(String[] cells) {
        String[] safe = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = cells[i] == null ? "" : cells[i];
        }
        try {
            return WRITER.writeValueAsString(safe);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
