package com.keystone.crm.scoring.learning;

/**
 * One column of the data report.
 *
 * @param missingRate share of rows without a value
 * @param distinct    number of distinct values (cardinality)
 * @param note        why the column is not used, or what was inferred about it
 */
public record ColumnProfile(String name, ColumnRole role, boolean inferred, double missingRate, int distinct,
                            Double min, Double max, Double mean, String note) {
}
