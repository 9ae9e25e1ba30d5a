package com.keystone.crm.scoring.learning;

/**
 * One feature column of a dataset: numbers ({@code NaN} when missing) or category levels ({@code null} when missing).
 */
public record Feature(String name, boolean numeric, double[] numbers, String[] levels) {
    public static Feature numeric(String name, double[] values) {
        return new Feature(name, true, values, null);
    }

    public static Feature categorical(String name, String[] values) {
        return new Feature(name, false, null, values);
    }

    /**
     * A category as the models know it: trimmed and in lower case, so that "Google", "google " and a live lead's
     * "google" are one level (exports are typed by hand; events spell values their own way).
     */
    public static String level(String value) {
        return value == null ? null : value.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public int size() {
        return numeric ? numbers.length : levels.length;
    }

    /** The raw value of row {@code i}: a Double, a String or null. */
    public Object value(int i) {
        if (numeric) {
            return Double.isNaN(numbers[i]) ? null : numbers[i];
        }
        return levels[i];
    }
}
