package com.keystone.crm.lead.routing.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the strategy by its wire name, as the table's CHECK constraint expects. */
@Converter
public class AgentGroupStrategyConverter implements AttributeConverter<AgentGroupStrategy, String> {
    @Override
    public String convertToDatabaseColumn(AgentGroupStrategy strategy) {
        return strategy == null ? null : strategy.wire();
    }

    @Override
    public AgentGroupStrategy convertToEntityAttribute(String value) {
        return value == null ? null : AgentGroupStrategy.fromWire(value);
    }
}
