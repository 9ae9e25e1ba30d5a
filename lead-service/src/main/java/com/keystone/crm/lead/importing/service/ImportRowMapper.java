package com.keystone.crm.lead.importing.service;

import com.keystone.crm.lead.contact.Emails;
import com.keystone.crm.lead.contact.PhoneNumbers;
import com.keystone.crm.lead.importing.domain.LeadImportField;
import com.keystone.crm.lead.lead.api.LeadProfile;
import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.lead.lead.domain.LeadStatus;
import com.keystone.crm.lead.lead.domain.LeadType;
import com.keystone.crm.lead.lead.domain.Timeframe;
import com.keystone.crm.platform.chassis.time.CrmClock;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one CSV row through the plan and checks it with the rules of the lead API: emails plausible and
 * lower-cased, phones valid and in E.164, enumerations known (after the value maps), sizes within the API's
 * limits, a name, email or phone present. Every problem of the row is reported, not only the first.
 */
@ApplicationScoped
public class ImportRowMapper {
    static final int MAX_EMAILS = 10;
    static final int MAX_PHONES = 10;
    static final int MAX_TAGS = 30;
    static final int MAX_AREAS = 20;
    static final int MAX_MONEY_DIGITS = 12;
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Pattern MONEY_NOISE = Pattern.compile("[\\s$€£,]");

    private final PhoneNumbers phoneNumbers;
    private final CrmClock clock;

    public ImportRowMapper(PhoneNumbers phoneNumbers, CrmClock clock) {
        this.clock = clock;
        this.phoneNumbers = phoneNumbers;
    }

    public ImportRowReading read(LeadImportPlan plan, int rowNumber, String[] values) {
        if (Arrays.stream(values).allMatch(v -> v == null || v.isBlank())) {
            return ImportRowReading.BLANK;
        }
        if (values.length < plan.columnCount() || (values.length > plan.columnCount()
                && Arrays.stream(values, plan.columnCount(), values.length).anyMatch(v -> v != null && !v.isBlank()))) {
            // the columns are shifted: reading any of them would put values in the wrong fields
            return new ImportRowReading(null, List.of(ImportRowProblem.ofRow(
                    "the row has " + values.length + " columns; the header has " + plan.columnCount())));
        }
        Row row = new Row(plan);
        for (LeadImportPlan.MappedColumn column : plan.columns()) {
            String raw = values[column.index()];
            if (raw == null || raw.isBlank()) {
                continue;
            }
            if (raw.indexOf('\u0000') >= 0) {
                row.problem(column, "contains a NUL character");
                continue;
            }
            row.take(column, raw.trim());
        }
        return row.finish(rowNumber);
    }

    /** The values of one row as they accumulate, and what is wrong with them. */
    private final class Row {
        private final LeadImportPlan plan;
        private final List<ImportRowProblem> problems = new ArrayList<>();
        private final Set<String> emails = new LinkedHashSet<>();
        private final Set<String> phones = new LinkedHashSet<>();
        private final Set<String> tags = new LinkedHashSet<>();
        private final Set<String> areas = new LinkedHashSet<>();
        private String firstName;
        private String lastName;
        private String city;
        private String postalCode;
        private String propertyType;
        private LeadSource source;
        private LeadType type;
        private LeadStatus status;
        private String outcome;
        private Timeframe timeframe;
        private Instant createdAt;
        private BigDecimal budgetMin;
        private BigDecimal budgetMax;
        private String timezone;
        private String agentRef;
        private LeadImportPlan.MappedColumn budgetMaxColumn;

        Row(LeadImportPlan plan) {
            this.plan = plan;
        }

        void problem(LeadImportPlan.MappedColumn column, String message) {
            problems.add(new ImportRowProblem(column.header(), column.field().wire(), message));
        }

        void take(LeadImportPlan.MappedColumn c, String raw) {
            LeadImportField field = c.field();
            switch (field.kind()) {
                case TEXT -> text(c, raw);
                case EMAIL, EMAIL_LIST -> split(raw).forEach(e -> email(c, e));
                case PHONE, PHONE_LIST -> split(raw).forEach(p -> phone(c, p));
                case ENUM -> enumerated(c, raw);
                case DATE -> createdAt = date(c, raw);
                case MONEY -> money(c, raw);
                case LIST -> list(c, raw, field == LeadImportField.TAGS ? tags : areas);
                case ZONE -> zone(c, raw);
                case AGENT -> agent(c, raw);
            }
        }

        private void text(LeadImportPlan.MappedColumn c, String raw) {
            if (raw.length() > c.field().maxLength()) {
                problem(c, "is longer than " + c.field().maxLength() + " characters");
                return;
            }
            switch (c.field()) {
                case FIRST_NAME -> firstName = raw;
                case LAST_NAME -> lastName = raw;
                case CITY -> city = raw;
                case POSTAL_CODE -> postalCode = raw;
                case PROPERTY_TYPE -> propertyType = raw;
                default -> throw new IllegalStateException(c.field().wire());
            }
        }

        private void email(LeadImportPlan.MappedColumn c, String raw) {
            String email = Emails.normalise(raw);
            if (Emails.isValid(email)) {
                emails.add(email);
            } else {
                problem(c, raw + " is not a valid email address");
            }
        }

        private void phone(LeadImportPlan.MappedColumn c, String raw) {
            phoneNumbers.toE164(raw).ifPresentOrElse(phones::add,
                    () -> problem(c, raw + " is not a valid phone number (E.164 such as +14155550123, or a number of the default region)"));
        }

        private void enumerated(LeadImportPlan.MappedColumn c, String raw) {
            String mapped = plan.mapped(c.field(), raw);
            String wire = mapped != null ? mapped : LeadImportEnums.toWire(raw);
            Object value;
            try {
                value = LeadImportEnums.parse(c.field(), wire);
            } catch (IllegalArgumentException e) {
                problem(c, raw + " is not a known " + c.field().wire() + "; map it in values." + c.field().wire()
                        + " or use one of " + LeadImportEnums.allowed(c.field()));
                return;
            }
            switch (c.field()) {
                case SOURCE -> source = (LeadSource) value;
                case TYPE -> type = (LeadType) value;
                case STATUS -> status = (LeadStatus) value;
                case OUTCOME -> outcome = (String) value;
                case TIMEFRAME -> timeframe = (Timeframe) value;
                default -> throw new IllegalStateException(c.field().wire());
            }
        }

        private Instant date(LeadImportPlan.MappedColumn c, String raw) {
            Instant at;
            try {
                at = plan.dateFormat() == null ? isoDate(raw, plan.zone()) : formattedDate(raw, plan.dateFormat(), plan.zone());
            } catch (DateTimeException e) {
                problem(c, raw + " is not a date" + (plan.dateFormat() == null
                        ? " (ISO-8601 such as 2021-03-14 or 2021-03-14T09:30:00Z; set dateFormat for others)"
                        : " in the format of the mapping's dateFormat"));
                return null;
            }
            if (at.isAfter(clock.now().plus(1, ChronoUnit.MINUTES))) {
                problem(c, raw + " is in the future");
                return null;
            }
            if (at.isBefore(EARLIEST)) {
                problem(c, raw + " is before 1900");
                return null;
            }
            return at;
        }

        private void money(LeadImportPlan.MappedColumn c, String raw) {
            BigDecimal amount;
            try {
                amount = new BigDecimal(MONEY_NOISE.matcher(raw).replaceAll(""));
            } catch (NumberFormatException e) {
                problem(c, raw + " is not an amount");
                return;
            }
            if (amount.signum() < 0) {
                problem(c, "must not be negative");
            } else if (amount.precision() - amount.scale() > MAX_MONEY_DIGITS) {
                problem(c, "is too large");
            } else if (c.field() == LeadImportField.BUDGET_MIN) {
                budgetMin = amount.setScale(2, RoundingMode.HALF_UP);
            } else {
                budgetMax = amount.setScale(2, RoundingMode.HALF_UP);
                budgetMaxColumn = c;
            }
        }

        private void list(LeadImportPlan.MappedColumn c, String raw, Set<String> into) {
            for (String item : split(raw)) {
                if (item.length() > c.field().maxLength()) {
                    problem(c, item + " is longer than " + c.field().maxLength() + " characters");
                } else {
                    into.add(item);
                }
            }
        }

        private void zone(LeadImportPlan.MappedColumn c, String raw) {
            try {
                ZoneId.of(raw);
                timezone = raw;
            } catch (DateTimeException e) {
                problem(c, raw + " is not an IANA time zone such as America/Denver");
            }
        }

        private void agent(LeadImportPlan.MappedColumn c, String raw) {
            String mapped = plan.mapped(c.field(), raw);
            String ref = mapped != null ? mapped : raw;
            if (ref.length() > 320) {
                problem(c, "is not a user id or email");
            } else {
                agentRef = ref;
            }
        }

        private List<String> split(String raw) {
            return Arrays.stream(raw.split(Pattern.quote(plan.listSeparator()))).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
        }

        ImportRowReading finish(int rowNumber) {
            if (budgetMin != null && budgetMax != null && budgetMin.compareTo(budgetMax) > 0) {
                problem(budgetMaxColumn, "budgetMin must not exceed budgetMax");
            }
            if (emails.size() > MAX_EMAILS) {
                problems.add(ImportRowProblem.ofRow("a lead has at most " + MAX_EMAILS + " emails"));
            }
            if (phones.size() > MAX_PHONES) {
                problems.add(ImportRowProblem.ofRow("a lead has at most " + MAX_PHONES + " phones"));
            }
            if (tags.size() > MAX_TAGS) {
                problems.add(ImportRowProblem.ofRow("a lead has at most " + MAX_TAGS + " tags"));
            }
            if (areas.size() > MAX_AREAS) {
                problems.add(ImportRowProblem.ofRow("a lead has at most " + MAX_AREAS + " preferred areas"));
            }
            boolean invalidContact = problems.stream().anyMatch(p -> p.field() != null && LeadImportField.fromWire(p.field())
                    .map(LeadImportField::identifies).orElse(false));
            if (firstName == null && lastName == null && emails.isEmpty() && phones.isEmpty() && !invalidContact) {
                problems.add(ImportRowProblem.ofRow("a lead needs a name, an email or a phone"));
            }
            if (!problems.isEmpty()) {
                return new ImportRowReading(null, List.copyOf(problems));
            }
            LeadStatus finalStatus = switch (outcome == null ? "" : outcome) {
                case LeadImportEnums.WON -> LeadStatus.CLOSED_WON;
                case LeadImportEnums.LOST -> LeadStatus.LOST;
                default -> status;
            };
            List<String> emailList = List.copyOf(emails);
            List<String> phoneList = List.copyOf(phones);
            LeadProfile profile = new LeadProfile(firstName, lastName, emailList, phoneList, type, city, postalCode,
                    propertyType, budgetMin, budgetMax, List.copyOf(areas), timeframe, List.copyOf(tags), null, timezone);
            return new ImportRowReading(new ImportRowDraft(rowNumber, profile, emailList, phoneList,
                    source == null ? plan.defaultSource() : source, finalStatus, createdAt, agentRef), List.of());
        }
    }

    static Instant isoDate(String raw, ZoneId zone) {
        String s = raw.length() > 10 && raw.charAt(10) == ' ' ? raw.substring(0, 10) + 'T' + raw.substring(11) : raw;
        if (s.length() <= 10) {
            return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(zone).toInstant();
        }
        TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, ZonedDateTime::from, LocalDateTime::from);
        return t instanceof ZonedDateTime z ? z.toInstant() : ((LocalDateTime) t).atZone(zone).toInstant();
    }

    static Instant formattedDate(String raw, DateTimeFormatter format, ZoneId zone) {
        TemporalAccessor t = format.parseBest(raw, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        if (t instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (t instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (t instanceof LocalDateTime l) {
            return l.atZone(zone).toInstant();
        }
        return ((LocalDate) t).atStartOfDay(zone).toInstant();
    }
}
