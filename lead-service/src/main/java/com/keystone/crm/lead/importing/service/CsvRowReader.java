package com.keystone.crm.lead.importing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streams a CSV file one row at a time with Jackson's CSV parser (quotes, escaped quotes, line breaks inside
 * quoted cells): nothing but the current row is held. Rows are numbered as a spreadsheet shows them when no cell
 * spans lines: the header is row 1, the first data row is row 2, and a blank line is a (blank) row too.
 */
public final class CsvRowReader implements Closeable {
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
    private static final char BOM = '\uFEFF';

    private final MappingIterator<String[]> rows;
    private int rowNumber;

    private CsvRowReader(MappingIterator<String[]> rows) {
        this.rows = rows;
    }

    /**
     * Bytes that are not text in the charset are an error, not replacement characters: a windows-1252 file read as
     * UTF-8 would otherwise import garbled names. A UTF-8 byte order mark is dropped. The stream closes with the reader.
     */
    public static CsvRowReader open(InputStream in, char delimiter, Charset charset) throws CsvFileException {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return new CsvRowReader(MAPPER.readerFor(String[].class).with(schema)
                    .readValues(new InputStreamReader(in, decoder)));
        } catch (IOException e) {
            // the parser reads its first block at once
            throw isEncoding(e) ? encoding(0, e) : new CsvFileException(1, "the file cannot be read as CSV", e);
        }
    }

    /** Row 1, with surrounding spaces (and a byte order mark) removed from each name. */
    public List<String> header() throws CsvFileException {
        String[] first = next();
        if (first == null || Arrays.stream(first).allMatch(h -> h == null || h.isBlank())) {
            throw new CsvFileException(1, "the file is empty: its first row must be a header", null);
        }
        List<String> names = new ArrayList<>(first.length);
        for (String h : first) {
            names.add(h == null ? "" : h.replace(String.valueOf(BOM), "").trim());
        }
        return names;
    }

    /** The next row, or null at the end of the file. */
    public String[] next() throws CsvFileException {
        try {
            if (!rows.hasNextValue()) {
                return null;
            }
            String[] row = rows.nextValue();
            rowNumber++;
            return row == null ? new String[0] : row;
        } catch (JsonProcessingException e) {
            if (isEncoding(e)) {
                throw encoding(rowNumber, e);
            }
            throw new CsvFileException(rowNumber + 1, "the file is not valid CSV at row " + (rowNumber + 1)
                    + ": " + e.getOriginalMessage(), e);
        } catch (CharacterCodingException e) {
            throw encoding(rowNumber, e);
        } catch (IOException e) {
            // a broken byte sequence or stream; failures of the source itself (the database) stay unchecked and
            // end the attempt instead, so the job is retried rather than failed
            throw new CsvFileException(rowNumber + 1, "the file cannot be read at row " + (rowNumber + 1), e);
        }
    }

    /** The parser reads ahead: the bad bytes are somewhere after the last row it returned, not necessarily in the next. */
    private static CsvFileException encoding(int rowNumber, Exception e) {
        return new CsvFileException(rowNumber + 1, "the file has bytes that are not text in its encoding after row "
                + Math.max(1, rowNumber) + " (set \"encoding\" in the mapping, e.g. windows-1252, if it was not saved as UTF-8)", e);
    }

    private static boolean isEncoding(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    /** Whether anything follows the rows read so far (a partial row counts). */
    public boolean hasMore() {
        try {
            return rows.hasNextValue();
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** The number of the row {@link #next} returned last. */
    public int rowNumber() {
        return rowNumber;
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
