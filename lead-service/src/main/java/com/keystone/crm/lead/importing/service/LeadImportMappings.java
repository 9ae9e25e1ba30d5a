package com.keystone.crm.lead.importing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.keystone.crm.lead.importing.domain.LeadImportField;
import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks an import mapping before anything is stored: the mapping on its own (unknown fields, a field
 * mapped twice, bad value maps, date format, zone: 400 naming each invalid entry), then against the file's header
 * (a mapped column the file lacks: 422). Also turns a stored mapping back into the worker's {@link LeadImportPlan}.
 */
@ApplicationScoped
public class LeadImportMappings {
    static final int MAX_COLUMNS = 200;
    static final int MAX_VALUES_PER_FIELD = 1000;
    private static final Set<String> DELIMITERS = Set.of(",", ";", "\t", "|");

    private final ObjectMapper mapper;
    private final ObjectReader reader;

    public LeadImportMappings(ObjectMapper mapper) {
        this.mapper = mapper;
        // a typo in an option name ("dateFromat") would otherwise be silently ignored
        this.reader = mapper.readerFor(LeadImportMapping.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The mapping part as sent; 400 when it is not a mapping at all. */
    public LeadImportMapping parse(String json) {
        if (json == null || json.isBlank()) {
            throw invalid(List.of(new Problem.FieldError("mapping", "is required: a JSON object mapping CSV columns to lead fields")));
        }
        try {
            LeadImportMapping m = reader.readValue(json);
            if (m == null) {
                throw new IllegalArgumentException("null");
            }
            return m;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : "must be a JSON object";
            throw invalid(List.of(new Problem.FieldError("mapping", "is not a valid mapping: " + why)));
        }
    }

    public String toJson(LeadImportMapping mapping) {
        try {
            return mapper.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the mapping on its own; 400 with every invalid entry. */
    public void check(LeadImportMapping m) {
        List<Problem.FieldError> errors = new ArrayList<>();
        checkColumns(m, errors);
        checkValueMaps(m, errors);
        if (m.defaultSource() != null) {
            try {
                LeadSource.fromWire(m.defaultSource());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("defaultSource", "must be one of " + LeadImportEnums.allowed(LeadImportField.SOURCE)));
            }
        }
        if (m.dateFormat() != null) {
            try {
                dateFormatter(m.dateFormat());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("dateFormat", "is not a date pattern such as MM/dd/yyyy: " + e.getMessage()));
            }
        }
        if (m.timeZone() != null) {
            try {
                ZoneId.of(m.timeZone());
            } catch (DateTimeException e) {
                errors.add(new Problem.FieldError("timeZone", "must be an IANA time zone such as America/Denver, or UTC"));
            }
        }
        if (m.encoding() != null && !isCharset(m.encoding())) {
            errors.add(new Problem.FieldError("encoding", "is not a character set this service knows (UTF-8, windows-1252, ISO-8859-1, ...)"));
        }
        if (m.delimiter() != null && !DELIMITERS.contains(m.delimiter())) {
            errors.add(new Problem.FieldError("delimiter", "must be one of , ; | or a tab"));
        }
        if (m.listSeparator() != null && (m.listSeparator().isEmpty() || m.listSeparator().length() > 5
                || m.listSeparator().equals(delimiterOf(m)))) {
            errors.add(new Problem.FieldError("listSeparator", "must be 1 to 5 characters and differ from the delimiter"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    /** The plan for a file with this header; 422 naming each mapped column the file does not have (once). */
    public LeadImportPlan compile(LeadImportMapping m, List<String> headers) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<LeadImportPlan.MappedColumn> columns = new ArrayList<>();
        m.columns().forEach((header, target) -> {
            LeadImportField field = LeadImportField.fromWire(target).orElseThrow();
            List<Integer> exact = new ArrayList<>();
            List<Integer> folded = new ArrayList<>();
            for (int i = 0; i < headers.size(); i++) {
                String h = headers.get(i).trim();
                if (h.equals(header.trim())) {
                    exact.add(i);
                } else if (h.equalsIgnoreCase(header.trim())) {
                    folded.add(i);
                }
            }
            List<Integer> found = exact.isEmpty() ? folded : exact;
            if (found.isEmpty()) {
                errors.add(new Problem.FieldError("columns." + header, "the file has no column " + header));
            } else if (found.size() > 1) {
                errors.add(new Problem.FieldError("columns." + header, "the file has " + found.size() + " columns named " + header));
            } else {
                columns.add(new LeadImportPlan.MappedColumn(found.get(0), headers.get(found.get(0)), field));
            }
        });
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of("mapping-does-not-fit-file", "Unprocessable Content", 422,
                    "The mapping names columns the file does not have; nothing was imported").withErrors(errors));
        }
        Map<LeadImportField, Map<String, String>> valueMaps = new EnumMap<>(LeadImportField.class);
        if (m.values() != null) {
            m.values().forEach((target, map) -> {
                Map<String, String> both = new HashMap<>();
                map.forEach((from, to) -> both.put(from, to));
                // the folded keys are prefixed so they never collide with an exact one
                map.forEach((from, to) -> both.putIfAbsent(LeadImportPlan.foldKey(from), to));
                valueMaps.put(LeadImportField.fromWire(target).orElseThrow(), both);
            });
        }
        return new LeadImportPlan(List.copyOf(columns), headers.size(), valueMaps,
                m.defaultSource() == null ? LeadSource.IMPORT : LeadSource.fromWire(m.defaultSource()),
                m.dateFormat() == null ? null : dateFormatter(m.dateFormat()),
                m.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(m.timeZone()),
                m.listSeparator() == null ? ";" : m.listSeparator());
    }

    public static Charset charset(LeadImportMapping m) {
        return m.encoding() == null ? StandardCharsets.UTF_8 : Charset.forName(m.encoding());
    }

    private static boolean isCharset(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static char delimiter(LeadImportMapping m) {
        return delimiterOf(m).charAt(0);
    }

    private static String delimiterOf(LeadImportMapping m) {
        return m.delimiter() == null ? "," : m.delimiter();
    }

    private static void checkColumns(LeadImportMapping m, List<Problem.FieldError> errors) {
        if (m.columns() == null || m.columns().isEmpty()) {
            errors.add(new Problem.FieldError("columns", "must map at least one CSV column to a lead field"));
            return;
        }
        if (m.columns().size() > MAX_COLUMNS) {
            errors.add(new Problem.FieldError("columns", "may map at most " + MAX_COLUMNS + " columns"));
            return;
        }
        Map<LeadImportField, String> seen = new LinkedHashMap<>();
        boolean identifies = false;
        for (Map.Entry<String, String> e : m.columns().entrySet()) {
            String key = "columns." + e.getKey();
            if (e.getKey().isBlank()) {
                errors.add(new Problem.FieldError("columns", "a column name must not be blank"));
                continue;
            }
            LeadImportField field = e.getValue() == null ? null : LeadImportField.fromWire(e.getValue()).orElse(null);
            if (field == null) {
                errors.add(new Problem.FieldError(key, "is not a lead field; one of " + LeadImportField.allWire()));
                continue;
            }
            if (!field.repeatable() && seen.containsKey(field)) {
                errors.add(new Problem.FieldError(key, field.wire() + " is already mapped from column " + seen.get(field)));
                continue;
            }
            seen.putIfAbsent(field, e.getKey());
            identifies |= field.identifies();
        }
        if (!identifies && errors.isEmpty()) {
            errors.add(new Problem.FieldError("columns", "must map a column to firstName, lastName, email, emails, phone or phones"));
        }
    }

    private static void checkValueMaps(LeadImportMapping m, List<Problem.FieldError> errors) {
        if (m.values() == null) {
            return;
        }
        m.values().forEach((target, map) -> {
            String key = "values." + target;
            LeadImportField field = LeadImportField.fromWire(target).orElse(null);
            if (field == null || !field.mappable()) {
                errors.add(new Problem.FieldError(key,
                        "takes no value map (source, type, status, outcome, timeframe and assignedAgentId do)"));
                return;
            }
            if (map == null || map.size() > MAX_VALUES_PER_FIELD) {
                errors.add(new Problem.FieldError(key, "must be an object of at most " + MAX_VALUES_PER_FIELD + " values"));
                return;
            }
            map.forEach((from, to) -> {
                if (to == null || to.isBlank()) {
                    errors.add(new Problem.FieldError(key + "." + from, "must name a value"));
                } else if (field == LeadImportField.ASSIGNED_AGENT_ID) {
                    if (to.length() > 320) {
                        errors.add(new Problem.FieldError(key + "." + from, "must be a user id or email"));
                    }
                } else {
                    try {
                        LeadImportEnums.parse(field, to);
                    } catch (IllegalArgumentException e) {
                        errors.add(new Problem.FieldError(key + "." + from, "must be one of " + LeadImportEnums.allowed(field)));
                    }
                }
            });
        });
    }

    /**
     * A strict formatter for the pattern ("02/30/2020" is an error, not March 1st). Strict resolving needs the
     * proleptic year 'u' rather than the year-of-era 'y' people write, so unquoted 'y's are read as 'u's.
     */
    static DateTimeFormatter dateFormatter(String pattern) {
        StringBuilder p = new StringBuilder();
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            p.append(!quoted && c == 'y' ? 'u' : c);
        }
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p.toString())
                .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of("validation", "Bad Request", 400, "The import mapping is invalid; nothing was imported")
                .withErrors(errors));
    }
}
