package com.keystone.crm.scoring.learning;

import java.util.List;

/**
 * A CSV file as read: unique column names and rows of cells, a missing cell as {@code null}.
 *
 * @param headers   column names, in file order
 * @param rows      the data rows (file order, which is time order for an export without a date column)
 * @param delimiter the separator found in the header line
 * @param renamed   header problems that were repaired (an empty name in the middle became {@code column_N})
 */
public record CsvTable(List<String> headers, List<String[]> rows, char delimiter, List<String> renamed) {
    public int columnIndex(String name) {
        return headers.indexOf(name);
    }
}
