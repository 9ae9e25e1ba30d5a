package com.keystone.crm.property.client.rets;

import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reads one Search response: checks the reply code before any row, finds the key column, skips rows with the wrong
 * number of columns (reported to {@code skipped} with their key when it can be read, logged with their position) and
 * hands the others on.
 */
final class SearchHandler implements CompactHandler {

    private static final Logger LOG = Logger.getLogger(SearchHandler.class);

    /** Receives a well-formed row: its key and its raw values, with the columns they belong to. */
    interface Rows {
        void row(String key, List<String> columns, List<String> values) throws Exception;
    }

    /** Thrown to stop reading a page whose first key repeats the previous page's: the server ignored Offset. */
    static final class RepeatedPage extends RuntimeException {
        RepeatedPage() {
            super("page repeats the previous page", null, false, false);
        }
    }

    private final String keyColumn;
    private final String previousFirstKey;
    private final Rows rows;
    private final java.util.function.Consumer<String> skipped;
    private List<String> columns = List.of();
    private int keyIndex = -1;
    private int delivered;
    private int seen;
    private Long count;
    private boolean capped;
    private boolean noRecords;
    private String firstKey;

    SearchHandler(String keyColumn, String previousFirstKey, Rows rows, java.util.function.Consumer<String> skipped) {
        this.keyColumn = keyColumn;
        this.previousFirstKey = previousFirstKey;
        this.rows = rows;
        this.skipped = skipped;
    }

    @Override
    public void reply(int code, String text) {
        switch (code) {
            case 0 -> {
            }
            case RetsReplyException.NO_RECORDS -> noRecords = true;
            case RetsReplyException.MAX_RECORDS_EXCEEDED -> capped = true;
            default -> throw new RetsReplyException(code, text);
        }
    }

    @Override
    public void count(long records) {
        count = records;
    }

    @Override
    public void maxRows() {
        capped = true;
    }

    @Override
    public void columns(List<String> names) {
        columns = names;
        keyIndex = names.indexOf(keyColumn);
    }

    @Override
    public void row(List<String> values) throws Exception {
        seen++;
        if (values.size() != columns.size() || keyIndex < 0 || values.get(keyIndex).isBlank()) {
            LOG.warnf("skipped row %d of a page: %d values for %d columns", seen, values.size(), columns.size());
            // the key column usually survives (it comes first): the caller can fetch that listing again by key
            skipped.accept(keyIndex >= 0 && keyIndex < values.size() && !values.get(keyIndex).isBlank() ? values.get(keyIndex).trim() : null);
            return;
        }
        String key = values.get(keyIndex).trim();
        if (firstKey == null) {
            firstKey = key;
            if (key.equals(previousFirstKey)) {
                throw new RepeatedPage();
            }
        }
        rows.row(key, columns, values);
        delivered++;
    }

    SearchPage page() {
        return new SearchPage(seen, count, capped, firstKey, noRecords);
    }

    int delivered() {
        return delivered;
    }
}
