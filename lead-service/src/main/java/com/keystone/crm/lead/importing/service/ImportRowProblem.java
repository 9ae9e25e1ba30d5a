package com.keystone.crm.lead.importing.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with an import row.
 *
 * @param column the CSV column (as named in the file's header), or null for the row as a whole
 * @param field  the lead field it maps to, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportRowProblem(String column, String field, String message) {
    static ImportRowProblem ofRow(String message) {
        return new ImportRowProblem(null, null, message);
    }
}
