package com.keystone.crm.lead.importing.service;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * How a CSV file maps onto leads: the {@code mapping} part of POST /api/v1/lead-imports, stored with the job.
 *
 * <pre>{@code
 * {"columns": {"First": "firstName", "E-mail": "email", "Stage": "status", "Created": "createdAt"},
 *  "values": {"status": {"Won": "closed-won", "Dead": "lost"}},
 *  "defaultSource": "import", "dateFormat": "MM/dd/yyyy", "timeZone": "America/Denver",
 *  "listSeparator": ";", "delimiter": ",", "encoding": "UTF-8"}
 * }</pre>
 *
 * @param columns       CSV header → lead field ({@code LeadImportField}); unmapped columns are ignored
 * @param values        per field, the file's value → our wire value (source, type, status, outcome, timeframe,
 *                      assignedAgentId); values not in the map are read as wire values (case and spaces forgiven)
 * @param defaultSource the source of rows without one (default {@code import})
 * @param dateFormat    a java.time pattern for createdAt (default: ISO-8601 date or date-time)
 * @param timeZone      the zone of dates without an offset (default UTC)
 * @param listSeparator separates several emails, phones, tags or areas in one cell (default {@code ;})
 * @param delimiter     the CSV column separator (default {@code ,}; {@code ;} and tab are common too)
 * @param encoding      the file's character set (default UTF-8; older exports are often windows-1252)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadImportMapping(Map<String, String> columns, Map<String, Map<String, String>> values,
                                String defaultSource, String dateFormat, String timeZone, String listSeparator,
                                String delimiter, String encoding) {
}
