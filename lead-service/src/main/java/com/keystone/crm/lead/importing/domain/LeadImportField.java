package com.keystone.crm.lead.importing.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * A lead field a CSV column can be mapped to. Several columns may feed a list field (two email columns, tags
 * from two columns); every other field takes one column. The enumerated fields and the assignee accept a value
 * map (the previous CRM's "Won" to our {@code closed-won}).
 */
public enum LeadImportField {
    FIRST_NAME("firstName", Kind.TEXT, 100),
    LAST_NAME("lastName", Kind.TEXT, 100),
    EMAIL("email", Kind.EMAIL, 0),
    EMAILS("emails", Kind.EMAIL_LIST, 0),
    PHONE("phone", Kind.PHONE, 0),
    PHONES("phones", Kind.PHONE_LIST, 0),
    SOURCE("source", Kind.ENUM, 0),
    TYPE("type", Kind.ENUM, 0),
    STATUS("status", Kind.ENUM, 0),
    /** won or lost (or open): the deal's outcome; it wins over status when both are given. */
    OUTCOME("outcome", Kind.ENUM, 0),
    CREATED_AT("createdAt", Kind.DATE, 0),
    CITY("city", Kind.TEXT, 100),
    POSTAL_CODE("postalCode", Kind.TEXT, 20),
    PROPERTY_TYPE("propertyType", Kind.TEXT, 50),
    BUDGET_MIN("budgetMin", Kind.MONEY, 0),
    BUDGET_MAX("budgetMax", Kind.MONEY, 0),
    TAGS("tags", Kind.LIST, 50),
    PREFERRED_AREAS("preferredAreas", Kind.LIST, 100),
    TIMEFRAME("timeframe", Kind.ENUM, 0),
    TIMEZONE("timezone", Kind.ZONE, 0),
    /** A user id or the email of an active user of the tenant. */
    ASSIGNED_AGENT_ID("assignedAgentId", Kind.AGENT, 0);

    public enum Kind { TEXT, EMAIL, EMAIL_LIST, PHONE, PHONE_LIST, ENUM, DATE, MONEY, LIST, ZONE, AGENT }

    private final String wire;
    private final Kind kind;
    private final int maxLength;

    LeadImportField(String wire, Kind kind, int maxLength) {
        this.wire = wire;
        this.kind = kind;
        this.maxLength = maxLength;
    }

    public String wire() {
        return wire;
    }

    public Kind kind() {
        return kind;
    }

    /** For text and list items: the longest value the lead API accepts. */
    public int maxLength() {
        return maxLength;
    }

    /** May more than one column feed it? */
    public boolean repeatable() {
        return switch (kind) {
            case EMAIL, EMAIL_LIST, PHONE, PHONE_LIST, LIST -> true;
            default -> false;
        };
    }

    /** Does it take a value map? */
    public boolean mappable() {
        return kind == Kind.ENUM || kind == Kind.AGENT;
    }

    /** Does a value in it tell who the lead is (a lead needs a name, an email or a phone)? */
    public boolean identifies() {
        return this == FIRST_NAME || this == LAST_NAME || kind == Kind.EMAIL || kind == Kind.EMAIL_LIST
                || kind == Kind.PHONE || kind == Kind.PHONE_LIST;
    }

    public static Optional<LeadImportField> fromWire(String value) {
        return Arrays.stream(values()).filter(f -> f.wire.equals(value)).findFirst();
    }

    public static String allWire() {
        return String.join(", ", Arrays.stream(values()).map(LeadImportField::wire).toList());
    }
}
