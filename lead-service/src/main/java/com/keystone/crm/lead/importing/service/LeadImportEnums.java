package com.keystone.crm.lead.importing.service;

import com.keystone.crm.lead.importing.domain.LeadImportField;
import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.lead.lead.domain.LeadStatus;
import com.keystone.crm.lead.lead.domain.LeadType;
import com.keystone.crm.lead.lead.domain.Timeframe;

import java.util.List;
import java.util.Locale;

/** The enumerated import fields read from their wire values (and the outcome, which only the import knows). */
final class LeadImportEnums {
    static final String WON = "won";
    static final String LOST = "lost";
    static final String OPEN = "open";

    private LeadImportEnums() {
    }

    /**
     * The enum value (or outcome string) a wire value names.
     *
     * @throws IllegalArgumentException when it names none
     */
    static Object parse(LeadImportField field, String wire) {
        return switch (field) {
            case SOURCE -> LeadSource.fromWire(wire);
            case TYPE -> LeadType.fromWire(wire);
            case STATUS -> LeadStatus.fromWire(wire);
            case TIMEFRAME -> Timeframe.fromWire(wire);
            case OUTCOME -> {
                if (!List.of(WON, LOST, OPEN).contains(wire)) {
                    throw new IllegalArgumentException("unknown outcome " + wire);
                }
                yield wire;
            }
            default -> throw new IllegalArgumentException(field.wire() + " is not an enumerated field");
        };
    }

    /** What a previous CRM most likely meant: "Closed Won" and "CLOSED_WON" are closed-won. */
    static String toWire(String raw) {
        return raw.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
    }

    static String allowed(LeadImportField field) {
        List<String> values = switch (field) {
            case SOURCE -> java.util.Arrays.stream(LeadSource.values()).map(LeadSource::wire).toList();
            case TYPE -> java.util.Arrays.stream(LeadType.values()).map(LeadType::wire).toList();
            case STATUS -> java.util.Arrays.stream(LeadStatus.values()).map(LeadStatus::wire).toList();
            case TIMEFRAME -> java.util.Arrays.stream(Timeframe.values()).map(Timeframe::wire).toList();
            case OUTCOME -> List.of(WON, LOST, OPEN);
            default -> List.of();
        };
        return String.join(", ", values);
    }
}
