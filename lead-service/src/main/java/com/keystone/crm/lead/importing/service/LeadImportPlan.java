package com.keystone.crm.lead.importing.service;

import com.keystone.crm.lead.importing.domain.LeadImportField;
import com.keystone.crm.lead.lead.domain.LeadSource;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A mapping checked against a file's header: which column index feeds which field, the value maps, and how
 * dates and lists are written. Built by {@link LeadImportMappings}; immutable, shared by all rows of a job.
 *
 * @param columnCount the header's number of columns (a row must have as many)
 * @param dateFormat  null: ISO-8601 dates and date-times
 */
public record LeadImportPlan(List<MappedColumn> columns, int columnCount,
                             Map<LeadImportField, Map<String, String>> valueMaps, LeadSource defaultSource,
                             DateTimeFormatter dateFormat, ZoneId zone, String listSeparator) {

    /** The column at {@code index} (named {@code header} in the file) feeds {@code field}. */
    public record MappedColumn(int index, String header, LeadImportField field) {
    }

    /**
     * The wire value the mapping gives a file value of the field, or null when the map has none: an exact
     * match first, then one ignoring case and surrounding spaces (maps are stored with both kinds of key).
     */
    public String mapped(LeadImportField field, String raw) {
        Map<String, String> map = valueMaps.get(field);
        if (map == null) {
            return null;
        }
        String exact = map.get(raw);
        return exact != null ? exact : map.get(foldKey(raw));
    }

    static String foldKey(String raw) {
        return "\u0000" + raw.trim().toLowerCase(Locale.ROOT);
    }
}
