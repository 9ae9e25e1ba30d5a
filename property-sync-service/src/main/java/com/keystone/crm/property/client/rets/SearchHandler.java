package com.keystone.crm.property.client.rets;

import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.client.MlsException.Kind;
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
        if (keyIndex < 0) {
            // every row would be unusable: a configuration problem to fix, not rows to skip one by one
            throw new MlsException(Kind.REJECTED, 200, null, "the key field " + keyColumn + " is not among the " + names.size()
                    + " COLUMNS the server sent (" + String.join(", ", names.subList(0, Math.min(names.size(), 40)))
                    + (names.size() > 40 ? ", ..." : "") + "); map the provider's key column to ListingKey in its fieldMap", null);
        }
    }

    @Override
    public void element(String name, java.util.Map<String, String> attributes) {
        if ("RETS-RESPONSE".equals(name)) {
            throw new MlsException(Kind.MALFORMED, 200, null, "the Search was answered in STANDARD-XML (records as XML elements, "
                    + "no COLUMNS); this client reads COMPACT or COMPACT-DECODED", null);
        }
    }

    @Override
    public void row(List<String> values) throws Exception {
        seen++;
        if (keyIndex < 0 || values.size() != columns.size() || values.get(keyIndex).isBlank()) {
            LOG.warnf("skipped row %d of a page: %s", seen, values.size() != columns.size()
                    ? values.size() + " values for " + columns.size() + " columns" : "its key " + keyColumn + " is empty");
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
