package com.keystone.crm.lead.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/** One CSV line (RFC 4180, CRLF) written by Jackson's CSV writer, for the service's downloads. */
public final class CsvLine {
    // strict: quote only the cells that need it (a separator, a quote, a line break), as spreadsheets do
    private static final ObjectWriter WRITER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build().writerFor(String[].class)
            .with(CsvSchema.emptySchema().withLineSeparator("\r\n"));

    private CsvLine() {
    }

    /** The cells as one line; a null cell is empty. */
    public static String of(String[] cells) {
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
