package com.keystone.crm.lead.importing.api;

import com.keystone.crm.lead.importing.service.ImportRowProblem;

import java.util.List;
import java.util.Map;

/**
 * A rejected row: its number in the file (the header is row 1), every problem found, and its cells by column name
 * (cells beyond the header are named {@code column 12}, ...).
 */
public record ImportRowErrorView(int rowNumber, List<ImportRowProblem> errors, Map<String, String> values) {
}
