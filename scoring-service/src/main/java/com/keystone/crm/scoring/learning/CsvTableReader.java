package com.keystone.crm.scoring.learning;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads exports of older CRMs with Jackson's CSV parser: {@code ;}, {@code ,} or tab (whichever the header line
 * uses outside quotes), CRLF or LF, quoted fields, a UTF-8 byte order mark, an empty trailing header (a trailing
 * separator on every line), and the usual spellings of "no value" ({@code ""}, {@code NA}, {@code Select}, ...).
 */
public final class CsvTableReader {
    /** Cells that mean "no value" in real exports (compared trimmed and case-insensitively). */
    static final Set<String> MISSING = Set.of("", "na", "n/a", "select", "null", "nan", "none", "-");

    private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES);

    private final int maxRows;
    private final int maxColumns;

    public CsvTableReader(int maxRows, int maxColumns) {
        this.maxRows = maxRows;
        this.maxColumns = maxColumns;
    }

    /**
     * The file's text: UTF-16 when it starts with that byte order mark (Excel's "Unicode text"), UTF-8 when it is
     * valid UTF-8, else Windows-1252 (Excel's "CSV" on Windows), which every byte decodes in, said in the notes.
     */
    static String decode(byte[] bytes, List<String> notes) {
        boolean utf16 = bytes.length >= 2
                && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE || bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF);
        if (utf16) {
            return new String(bytes, StandardCharsets.UTF_16);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            notes.add("the file is not UTF-8: read as Windows-1252");
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    public static boolean isMissing(String cell) {
        return cell == null || MISSING.contains(cell.trim().toLowerCase(Locale.ROOT));
    }

    public CsvTable read(byte[] bytes) {
        List<String> notes = new ArrayList<>();
        String text = decode(bytes, notes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new DataProblem("empty-file", "file", "The file is empty");
        }
        if (text.indexOf('\u0000') >= 0) {
            throw new DataProblem("not-csv", "file", "The file is not text (it contains NUL bytes)");
        }
        char delimiter = delimiterOf(firstLine(text));
        CsvSchema schema = CsvSchema.emptySchema().withoutHeader().withColumnSeparator(delimiter).withQuoteChar('"');
        List<String[]> all = new ArrayList<>();
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).with(schema).readValues(text)) {
            while (it.hasNext()) {
                all.add(it.next());
                if (all.size() > maxRows + 1) {
                    throw new DataProblem("too-many-rows", "file", "The file has more than " + maxRows + " rows");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataProblem p) {
                throw p;
            }
            throw new DataProblem("malformed-csv", "file", "The file is not readable CSV: " + firstLineOf(e.getMessage()));
        }
        if (all.isEmpty()) {
            throw new DataProblem("empty-file", "file", "The file has no header line");
        }
        String[] header = all.get(0);
        int width = header.length;
        // a trailing separator on the header line names an empty last column: drop it if its cells are empty too
        while (width > 0 && header[width - 1].isBlank()) {
            width--;
        }
        if (width == 0) {
            throw new DataProblem("malformed-csv", "file", "The header line names no column");
        }
        if (width > maxColumns) {
            throw new DataProblem("too-many-columns", "file", "The file has more than " + maxColumns + " columns");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < width; c++) {
            String name = clean(header[c]);
            if (name.isEmpty()) {
                name = "column_" + (c + 1);
                notes.add("column " + (c + 1) + " has no name: called " + name);
            }
            if (!seen.add(name)) {
                throw new DataProblem("duplicate-column", name, "The column name '" + name + "' appears twice in the header");
            }
            names.add(name);
        }
        List<String[]> rows = new ArrayList<>(all.size() - 1);
        for (int r = 1; r < all.size(); r++) {
            String[] raw = all.get(r);
            if (raw.length == 1 && raw[0].isBlank()) {
                continue;
            }
            for (int c = width; c < raw.length; c++) {
                if (!raw[c].isBlank()) {
                    throw new DataProblem("ragged-row", "file", "Line " + (r + 1) + " has " + raw.length
                            + " cells but the header names " + width + " columns");
                }
            }
            String[] row = new String[width];
            for (int c = 0; c < width && c < raw.length; c++) {
                row[c] = isMissing(raw[c]) ? null : clean(raw[c]);
            }
            rows.add(row);
        }
        return new CsvTable(List.copyOf(names), rows, delimiter, notes);
    }

    // control characters carry no meaning in a cell; they are dropped rather than stored
    private static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.trim().codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(b::appendCodePoint);
        return b.toString();
    }

    private static String firstLine(String text) {
        StringBuilder line = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                break;
            } else if (!quoted) {
                line.append(ch);
            }
        }
        return line.toString();
    }

    static char delimiterOf(String headerOutsideQuotes) {
        long semicolons = headerOutsideQuotes.chars().filter(c -> c == ';').count();
        long commas = headerOutsideQuotes.chars().filter(c -> c == ',').count();
        long tabs = headerOutsideQuotes.chars().filter(c -> c == '\t').count();
        if (tabs > semicolons && tabs > commas) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    private static String firstLineOf(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
