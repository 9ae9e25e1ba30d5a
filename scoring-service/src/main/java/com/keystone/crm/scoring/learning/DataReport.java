package com.keystone.crm.scoring.learning;

import java.util.List;

/**
 * What a training set holds: rows, class balance, per-column missing rates and cardinality, the roles inferred,
 * and what was left out and why.
 *
 * @param rows          data rows in the file
 * @param labelledRows  rows with a label value (the others are not used)
 * @param timeOrder     the date column that orders the rows in time, or "row order"
 * @param refused       columns refused as protected characteristics (fair housing)
 * @param warnings      repairs and exclusions a person should read
 */
public record DataReport(int rows, int labelledRows, int positives, int negatives, double positiveRate,
                         String positiveLabel, String timeOrder, List<ColumnProfile> columns, List<String> refused,
                         List<String> warnings) {
}
