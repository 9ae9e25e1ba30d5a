package com.keystone.crm.scoring.learning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns a CSV table and what the uploader said about it into a labelled dataset in time order, inferring the
 * roles not given and reporting rows, class balance, missing rates, cardinality and every exclusion. Data that
 * cannot make a meaningful model is a {@link DataProblem} naming the field.
 */
public final class DataPreparation {
    static final Set<String> POSITIVE = Set.of("yes", "y", "true", "t", "1", "converted", "won", "closed-won", "closed_won",
            "closed won");
    static final Set<String> NEGATIVE = Set.of("no", "n", "false", "f", "0", "not-converted", "lost", "closed-lost",
            "closed_lost", "closed lost");
    /** Names of identifiers; a column so named is one only when no two rows share a value ("Lead Number", "lead_id"). */
    private static final Pattern ID_NAME = Pattern.compile("(?i)^(id|uuid|key|.*[_\\-. ]id|.*[a-z]Id|.*_key|.*[_\\-. ](number|no|num))$");

    private final ProtectedAttributes protectedAttributes;
    private final int minRows;
    private final int minPerClass;

    public DataPreparation(ProtectedAttributes protectedAttributes, int minRows, int minPerClass) {
        this.protectedAttributes = protectedAttributes;
        this.minRows = minRows;
        this.minPerClass = minPerClass;
    }

    public PreparedData prepare(CsvTable table, TableSpec spec) {
        if (spec.label() == null || spec.label().isBlank()) {
            throw new DataProblem("label-missing", "label", "Name the label column (the outcome: converted or not)");
        }
        int labelCol = table.columnIndex(spec.label());
        if (labelCol < 0) {
            throw new DataProblem("label-missing", "label", "The file has no column '" + spec.label() + "'; its columns: "
                    + String.join(", ", table.headers()));
        }
        for (String named : spec.explicitColumns()) {
            if (table.columnIndex(named) < 0) {
                throw new DataProblem("unknown-column", "roles." + named, "The file has no column '" + named + "'");
            }
        }
        if (table.rows().size() < minRows) {
            throw new DataProblem("too-few-rows", "file", "The data has " + table.rows().size()
                    + " rows; training needs at least " + minRows);
        }
        List<String> warnings = new ArrayList<>(table.notes());
        // label values
        Set<String> labelValues = new TreeSet<>();
        for (String[] row : table.rows()) {
            if (row[labelCol] != null) {
                labelValues.add(row[labelCol]);
            }
        }
        String positive = positiveLabel(spec, labelValues);
        List<String[]> rows = new ArrayList<>();
        for (String[] row : table.rows()) {
            if (row[labelCol] != null) {
                rows.add(row);
            }
        }
        if (rows.size() < table.rows().size()) {
            warnings.add((table.rows().size() - rows.size()) + " rows without a label value are not used");
        }
        // roles: explicit, then inferred
        int width = table.headers().size();
        ColumnRole[] roles = new ColumnRole[width];
        boolean[] inferred = new boolean[width];
        String[] notes = new String[width];
        DateColumn[] dates = new DateColumn[width]; // formats found while inferring, for the time order below
        List<String> refused = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            String name = table.headers().get(c);
            ColumnRole given = spec.roles().get(name);
            if (c == labelCol) {
                roles[c] = ColumnRole.LABEL;
                inferred[c] = given == null;
            } else if (given != null) {
                roles[c] = given == ColumnRole.LABEL ? ColumnRole.IGNORE : given;
            } else {
                roles[c] = infer(name, rows, c, dates);
                inferred[c] = true;
            }
            boolean isFeature = roles[c] == ColumnRole.NUMERIC || roles[c] == ColumnRole.CATEGORICAL;
            if (c != labelCol && (spec.protectedColumns().contains(name) || protectedAttributes.isProtected(name))) {
                if (isFeature) {
                    refused.add(name);
                }
                notes[c] = spec.protectedColumns().contains(name) ? "refused: tagged as a protected characteristic by an admin"
                        : "refused: a protected characteristic (fair housing)";
                roles[c] = ColumnRole.IGNORE;
            }
        }
        // time order: the first date column, else the file's row order
        int dateCol = -1;
        for (int c = 0; c < width && dateCol < 0; c++) {
            if (roles[c] == ColumnRole.DATE) {
                dateCol = c;
            }
        }
        if (dateCol >= 0) {
            final int dc = dateCol;
            DateColumn format = dates[dc] != null ? dates[dc] : DateColumn.detect(DateColumn.cells(rows, dc));
            if (format == null) {
                throw unreadableDates(table.headers().get(dc), rows, dc);
            }
            if (notes[dc] == null) {
                notes[dc] = format.describe();
            }
            Instant[] at = new Instant[rows.size()];
            Integer[] order = new Integer[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                at[i] = format.parse(rows.get(i)[dc]);
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparing((Integer i) -> at[i], Comparator.nullsFirst(Comparator.naturalOrder())));
            List<String[]> sorted = new ArrayList<>(rows.size());
            for (Integer i : order) {
                sorted.add(rows.get(i));
            }
            rows = sorted;
        }
        int[] y = new int[rows.size()];
        int positives = 0;
        for (int i = 0; i < rows.size(); i++) {
            y[i] = converted(rows.get(i)[labelCol], spec.positiveLabel() == null ? null : positive) ? 1 : 0;
            positives += y[i];
        }
        // features and the per-column report
        List<Feature> features = new ArrayList<>();
        List<ColumnProfile> profiles = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            String name = table.headers().get(c);
            int missing = 0;
            Set<String> distinct = new HashSet<>();
            for (String[] row : rows) {
                if (row[c] == null) {
                    missing++;
                } else {
                    distinct.add(row[c]);
                }
            }
            double missingRate = rows.isEmpty() ? 0 : (double) missing / rows.size();
            Double min = null;
            Double max = null;
            Double mean = null;
            String note = notes[c];
            boolean explicit = !inferred[c];
            if (roles[c] == ColumnRole.NUMERIC || roles[c] == ColumnRole.CATEGORICAL) {
                String unusable = missing == rows.size() ? "every value is missing"
                        : distinct.size() == 1 && missing == 0 ? "every row has the same value" : null;
                if (unusable != null) {
                    if (explicit) {
                        throw new DataProblem(missing == rows.size() ? "all-missing-column" : "constant-column",
                                "roles." + name, "The column '" + name + "' cannot be a feature: " + unusable);
                    }
                    warnings.add("column '" + name + "' is not used: " + unusable);
                    note = "not used: " + unusable;
                    roles[c] = ColumnRole.IGNORE;
                }
            }
            if (roles[c] == ColumnRole.NUMERIC) {
                double[] v = new double[rows.size()];
                double sum = 0;
                int n = 0;
                for (int i = 0; i < rows.size(); i++) {
                    String cell = rows.get(i)[c];
                    v[i] = cell == null ? Double.NaN : number(cell);
                    if (cell != null && Double.isNaN(v[i])) {
                        if (explicit) {
                            throw new DataProblem("not-a-number", "roles." + name, "Line " + (i + 2) + " of column '"
                                    + name + "': '" + cell + "' is not a number");
                        }
                    }
                    if (!Double.isNaN(v[i])) {
                        min = min == null ? v[i] : Math.min(min, v[i]);
                        max = max == null ? v[i] : Math.max(max, v[i]);
                        sum += v[i];
                        n++;
                    }
                }
                mean = n == 0 ? null : sum / n;
                features.add(Feature.numeric(name, v));
            } else if (roles[c] == ColumnRole.CATEGORICAL) {
                String[] v = new String[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    v[i] = Feature.level(rows.get(i)[c]);
                }
                features.add(Feature.categorical(name, v));
            }
            profiles.add(new ColumnProfile(name, roles[c], inferred[c], round(missingRate), distinct.size(), min, max, mean, note));
        }
        int negatives = rows.size() - positives;
        if (rows.size() < minRows) {
            throw new DataProblem("too-few-rows", "file", "The file has " + rows.size() + " labelled rows; training needs at least "
                    + minRows);
        }
        if (positives == 0 || negatives == 0) {
            throw new DataProblem("one-class", "label", "Every labelled row has the same outcome ('"
                    + (positives == 0 ? "not " : "") + positive + "'): there is nothing to learn");
        }
        if (Math.min(positives, negatives) < minPerClass) {
            throw new DataProblem("too-few-per-class", "label", "Only " + Math.min(positives, negatives)
                    + " rows have the rarer outcome; training needs at least " + minPerClass);
        }
        if (features.isEmpty()) {
            throw new DataProblem("no-features", "roles", "No column can be used as a feature");
        }
        DataReport report = new DataReport(table.rows().size(), rows.size(), positives, negatives,
                round((double) positives / rows.size()), positive, dateCol >= 0 ? table.headers().get(dateCol) : "row order",
                profiles, refused, warnings);
        return new PreparedData(new Dataset(features, y), report);
    }

    /**
     * Whether a label value means converted: the admin's positive value (trimmed, any case), or else yes/true/1/won...
     * (also 1.0, as numeric exports write it), whichever case the export uses.
     */
    static boolean converted(String value, String positive) {
        return positive != null ? value.trim().equalsIgnoreCase(positive.trim()) : outcome(value) == 1;
    }

    /** 1 for a converted value, 0 for a value that did not convert, -1 for anything else. */
    static int outcome(String value) {
        String l = value.trim().toLowerCase(Locale.ROOT);
        if (POSITIVE.contains(l)) {
            return 1;
        }
        if (NEGATIVE.contains(l)) {
            return 0;
        }
        double d = number(l);
        return d == 1 ? 1 : d == 0 ? 0 : -1;
    }

    private static String positiveLabel(TableSpec spec, Set<String> values) {
        if (values.isEmpty()) {
            throw new DataProblem("one-class", "label", "The label column '" + spec.label() + "' has no values");
        }
        if (spec.positiveLabel() != null) {
            if (values.stream().noneMatch(v -> converted(v, spec.positiveLabel()))) {
                throw new DataProblem("unexpected-label-values", "positiveLabel", "The label column has no value '"
                        + spec.positiveLabel() + "'; its values: " + preview(values));
            }
            return spec.positiveLabel();
        }
        String found = null;
        for (String v : values) {
            int outcome = outcome(v);
            if (outcome == 1) {
                found = found == null ? v : found;
            } else if (outcome < 0) {
                throw new DataProblem("unexpected-label-values", "label", "The label column '" + spec.label()
                        + "' holds values other than yes/no, true/false or 1/0: " + preview(values)
                        + " (name the converted value in positiveLabel)");
            }
        }
        if (found == null) {
            throw new DataProblem("one-class", "label", "The label column '" + spec.label() + "' has no converted rows: "
                    + preview(values));
        }
        return found;
    }

    private static String preview(Set<String> values) {
        List<String> first = new ArrayList<>(values).subList(0, Math.min(values.size(), 10));
        return String.join(", ", first) + (values.size() > 10 ? ", ..." : "");
    }

    /** An explicit date column that does not hold dates in one format: the first value that is none, or the mix. */
    private static DataProblem unreadableDates(String name, List<String[]> rows, int c) {
        String formats = "ISO 8601 such as 2024-05-31 or 2024-05-31T14:00:00Z, or numbers with the year last such as "
                + "3/15/2024 2:05 PM or 15.03.2024";
        for (int i = 0; i < rows.size(); i++) {
            String cell = rows.get(i)[c];
            if (cell != null && !DateColumn.readable(cell)) {
                return new DataProblem("unreadable-date", "roles." + name, "Line " + (i + 2) + ": '" + cell
                        + "' is not a date (" + formats + ")");
            }
        }
        return new DataProblem("unreadable-date", "roles." + name, "The column '" + name + "' mixes date formats "
                + "(day-first and month-first, or ISO and numeric); one column must use one (" + formats + ")");
    }

    /** The column's role from its name and values; a date column's format is kept in {@code dates[c]}. */
    private ColumnRole infer(String name, List<String[]> rows, int c, DateColumn[] dates) {
        int present = 0;
        int numbers = 0;
        Set<String> distinct = new HashSet<>();
        for (String[] row : rows) {
            String cell = row[c];
            if (cell == null) {
                continue;
            }
            present++;
            distinct.add(cell);
            if (!Double.isNaN(number(cell))) {
                numbers++;
            }
        }
        if (present == 0) {
            return ColumnRole.CATEGORICAL; // reported and left out as all-missing
        }
        if (ID_NAME.matcher(name).matches() && distinct.size() == present) {
            return ColumnRole.ID;
        }
        if (numbers == present) {
            return ColumnRole.NUMERIC;
        }
        dates[c] = DateColumn.detect(DateColumn.cells(rows, c));
        if (dates[c] != null) {
            return ColumnRole.DATE;
        }
        // free text or identifiers: too many levels to learn from
        if (distinct.size() > 100 && distinct.size() > present / 2) {
            return ColumnRole.IGNORE;
        }
        return ColumnRole.CATEGORICAL;
    }

    /** Magnitudes beyond this are not quantities a lead has (and would overflow the standardisation). */
    static final double MAX_MAGNITUDE = 1e15;

    static double number(String cell) {
        double v = parse(cell);
        return Math.abs(v) > MAX_MAGNITUDE ? Double.NaN : v;
    }

    /** 250,000 or 1,234.56: commas group thousands. */
    private static final Pattern COMMA_THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    /** 1.234.567 or 1.234,56: dots group thousands, a comma marks the decimals. */
    private static final Pattern DOT_THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{3})+(,\\d+)?");
    /** 12,5: a decimal comma. */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");

    /**
     * A number as exports write it: plain, or with a currency sign before it ($, €, £) or a per cent sign after it,
     * with thousands grouped by commas (US) or dots (Europe), or with a decimal comma. Anything else is no number.
     */
    private static double parse(String cell) {
        String s = cell.trim();
        if (s.isEmpty() || s.length() > 40) {
            return Double.NaN;
        }
        if (s.length() > 1 && "$€£".indexOf(s.charAt(0)) >= 0) {
            s = s.substring(1).trim();
        } else if (s.length() > 1 && s.charAt(s.length() - 1) == '%') {
            s = s.substring(0, s.length() - 1).trim();
        }
        if (COMMA_THOUSANDS.matcher(s).matches()) {
            s = s.replace(",", "");
        } else if (DOT_THOUSANDS.matcher(s).matches() && (s.indexOf(',') >= 0 || s.indexOf('.') != s.lastIndexOf('.'))) {
            s = s.replace(".", "").replace(',', '.');
        } else if (DECIMAL_COMMA.matcher(s).matches()) {
            s = s.replace(',', '.');
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
