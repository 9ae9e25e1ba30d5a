package com.keystone.crm.tools.mlssimulator.feed;

/** How a field's value is typed (Java value type in brackets). */
public enum FieldKind {
    /** String. */
    STRING,
    /** Integer. */
    INT,
    /** BigDecimal. */
    DECIMAL,
    /** LocalDate. */
    DATE,
    /** Instant. */
    TIMESTAMP,
    /** String: the RESO enumeration name. */
    LOOKUP,
    /** List of String: RESO enumeration names. */
    LOOKUP_MULTI
}
