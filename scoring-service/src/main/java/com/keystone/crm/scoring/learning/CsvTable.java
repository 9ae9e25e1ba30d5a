package com.keystone.crm.scoring.learning;

import java.util.List;

/**
 * A CSV file as read: unique column names and rows of cells, a missing cell as {@code null}.
 *
 * @param headers   column names, in file order
 * @param rows      the data rows (file order, which is time order for an export without a date column)
 * @param delimiter the separator found in the header line
 * @param notes     what was repaired or assumed while reading, for the data report's warnings: an empty header name
 *                  in the middle became {@code column_N}; a file that is not UTF-8 was read as Windows-1252
 */
public record CsvTable(List<String> headers, List<String[]> rows, char delimiter, List<String> notes) {
    public int columnIndex(String name) {
        return headers.indexOf(name);
    }
}
