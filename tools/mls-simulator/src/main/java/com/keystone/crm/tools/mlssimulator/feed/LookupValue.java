package com.keystone.crm.tools.mlssimulator.feed;

/**
 * One value of a lookup: {@code code} is the RETS Value (what COMPACT carries and DMQL2 queries name),
 * {@code standard} the RESO Data Dictionary enumeration name (RETS LongValue, RESO JSON value).
 */
public record LookupValue(String code, String standard, String shortValue) {
}
