package com.keystone.crm.scoring.learning;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one column writes its dates, decided from all its values, since a single value such as 03/04/2024 cannot say
 * which number is the month. The formats of real CRM exports are read:
 * <ul>
 *   <li>ISO 8601, with or without a time and an offset, or with a space before the time ({@code 2024-05-31 14:00});</li>
 *   <li>day and month numbers with the year last, separated by {@code /}, {@code .} or {@code -}, optionally followed
 *       by a time with an AM/PM marker ({@code 3/15/2024 2:05 PM}, {@code 15.03.2024 14:05}).</li>
 * </ul>
 * For the second kind, a first number above 12 makes the column day-first and a second number above 12 makes it
 * month-first. A column with both is not dates. When no value decides, the column is read month-first, as the US
 * exports these CRMs come from write it, and {@link #assumed()} says so for the report. Times without an offset are UTC.
 */
public final class DateColumn {
    /** The order of a column's day and month numbers. */
    public enum Order {
        ISO("ISO 8601"), MONTH_FIRST("month/day/year"), DAY_FIRST("day/month/year");

        final String label;

        Order(String label) {
            this.label = label;
        }
    }

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]", Locale.ROOT);
    private static final Pattern NUMERIC = Pattern.compile(
            "(\\d{1,2})([/.\\-])(\\d{1,2})\\2(\\d{4})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([AaPp][Mm])?)?");

    private final Order order;
    private final boolean assumed;

    private DateColumn(Order order, boolean assumed) {
        this.order = order;
        this.assumed = assumed;
    }

    /** The column's format; null when a value present is no date in one consistent format, or none is present. */
    public static DateColumn detect(Iterable<String> cells) {
        boolean iso = false;
        boolean numeric = false;
        boolean dayFirst = false;
        boolean monthFirst = false;
        for (String cell : cells) {
            if (cell == null) {
                continue;
            }
            if (parseIso(cell) != null) {
                iso = true;
                continue;
            }
            Matcher m = match(cell);
            if (m == null) {
                return null;
            }
            numeric = true;
            int first = Integer.parseInt(m.group(1));
            int second = Integer.parseInt(m.group(3));
            dayFirst |= first > 12;
            monthFirst |= second > 12;
        }
        if (iso == numeric || dayFirst && monthFirst) {
            return null; // nothing present, a mix of the two kinds, or day-first and month-first values together
        }
        if (iso) {
            return new DateColumn(Order.ISO, false);
        }
        DateColumn column = new DateColumn(dayFirst ? Order.DAY_FIRST : Order.MONTH_FIRST, !dayFirst && !monthFirst);
        for (String cell : cells) {
            if (cell != null && column.parse(cell) == null) {
                return null; // no such day in the column's order, e.g. 2/30/2024 month-first, or 13 PM
            }
        }
        return column;
    }

    /** The instant the cell names in this column's format; null when it does not name one. */
    public Instant parse(String cell) {
        if (cell == null) {
            return null;
        }
        if (order == Order.ISO) {
            return parseIso(cell);
        }
        Matcher m = match(cell);
        return m == null ? null : parseNumeric(m, order);
    }

    public Order order() {
        return order;
    }

    /** True when no value showed which number is the month (read month-first). */
    public boolean assumed() {
        return assumed;
    }

    /** For the data report: how the column was read. */
    public String describe() {
        return "dates read as " + order.label + (assumed ? " (assumed: no day above 12 tells day/month/year apart)" : "");
    }

    static Instant parseIso(String cell) {
        // every ISO form here starts yyyy-MM-dd: anything else is not tried (parse failures are costly)
        if (cell.length() < 10 || cell.length() > 40 || cell.charAt(4) != '-' || !Character.isDigit(cell.charAt(0))) {
            return null;
        }
        try {
            return OffsetDateTime.parse(cell).toInstant();
        } catch (DateTimeParseException ignored) {
            // next format
        }
        try {
            return LocalDateTime.parse(cell).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next format
        }
        try {
            return LocalDateTime.parse(cell, SPACED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next format
        }
        try {
            return LocalDate.parse(cell).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** The column {@code c} of the rows, read lazily. */
    public static Iterable<String> cells(java.util.List<String[]> rows, int c) {
        return () -> rows.stream().map(r -> r[c]).iterator();
    }

    /** True when the cell is a date in some format this class reads (for pointing at the value that is not). */
    static boolean readable(String cell) {
        Matcher m = match(cell);
        return parseIso(cell) != null || m != null && (parseNumeric(m, Order.MONTH_FIRST) != null
                || parseNumeric(m, Order.DAY_FIRST) != null);
    }

    private static Matcher match(String cell) {
        if (cell.length() > 40) {
            return null;
        }
        Matcher m = NUMERIC.matcher(cell.trim());
        return m.matches() ? m : null;
    }

    private static Instant parseNumeric(Matcher m, Order order) {
        int first = Integer.parseInt(m.group(1));
        int second = Integer.parseInt(m.group(3));
        int year = Integer.parseInt(m.group(4));
        try {
            LocalDate date = order == Order.DAY_FIRST ? LocalDate.of(year, second, first) : LocalDate.of(year, first, second);
            if (m.group(5) == null) {
                return date.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            int hour = Integer.parseInt(m.group(5));
            String marker = m.group(8);
            if (marker != null) {
                if (hour < 1 || hour > 12) {
                    return null;
                }
                hour = hour % 12 + (marker.equalsIgnoreCase("pm") ? 12 : 0);
            }
            int second60 = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
            return date.atTime(hour, Integer.parseInt(m.group(6)), second60).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
