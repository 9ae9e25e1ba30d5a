package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.csv.CsvLine;
import com.keystone.crm.lead.lead.domain.Lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A lead as a line of the CSV export. Columns carry the lead API's field names, so those the import knows
 * ({@code LeadImportField}: names, emails, phones, source, status, budget, tags, ...) map one to one when the file is
 * imported again; lists are joined with {@code ;} (the import's default separator). A text cell a
 * spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab or CR first: OWASP's CSV
 * injection) gets a leading apostrophe; a phone number or amount with a sign stays as it is.
 */
final class LeadCsv {
    static final String[] HEADER = {"id", "firstName", "lastName", "email", "emails", "phone", "phones", "source", "type",
            "status", "createdAt", "city", "postalCode", "propertyType", "budgetMin", "budgetMax", "tags", "preferredAreas",
            "timeframe", "timezone", "assignedAgentId", "teamId", "score", "scoreTier", "consentEmail", "consentSms",
            "consentCall", "updatedAt", "lastActivityAt"};
    private static final Pattern FORMULA_START = Pattern.compile("^[=+\\-@\\t\\r].*", Pattern.DOTALL);
    private static final Pattern SIGNED_NUMBER = Pattern.compile("^[+-][0-9][0-9 ().-]*$");

    private LeadCsv() {
    }

    static String headerLine() {
        return CsvLine.of(HEADER);
    }

    static String line(Lead l) {
        return CsvLine.of(new String[]{
                l.id.toString(), text(l.firstName), text(l.lastName), text(l.email), list(l.emails), text(l.phone), list(l.phones),
                l.source == null ? null : l.source.wire(), l.type == null ? null : l.type.wire(),
                l.status == null ? null : l.status.wire(), instant(l.createdAt), text(l.city), text(l.postalCode),
                text(l.propertyType), amount(l.budgetMin), amount(l.budgetMax), list(l.tags), list(l.preferredAreas),
                l.timeframe == null ? null : l.timeframe.wire(), text(l.timezone), text(l.assignedAgentId), text(l.teamId),
                amount(l.score), text(l.scoreTier), flag(l.consentEmail), flag(l.consentSms), flag(l.consentCall),
                instant(l.updatedAt), instant(l.lastActivityAt)});
    }

    /** Text as stored, with a formula start neutralised. */
    static String text(String value) {
        if (value == null || !FORMULA_START.matcher(value).matches() || SIGNED_NUMBER.matcher(value).matches()) {
            return value;
        }
        return "'" + value;
    }

    private static String list(String[] values) {
        if (values == null || values.length == 0) {
            return null;
        }
        return text(String.join(";", values));
    }

    private static String amount(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static String instant(Instant value) {
        return value == null ? null : value.toString();
    }

    private static String flag(Boolean value) {
        return value == null ? null : value.toString();
    }
}
