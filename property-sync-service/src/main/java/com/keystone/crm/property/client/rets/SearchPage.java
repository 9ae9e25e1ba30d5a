package com.keystone.crm.property.client.rets;

/**
 * What one Search request returned: the rows handed on, the COUNT the server reported (null without Count), whether
 * the server capped the result ({@code <MAXROWS/>} or 20208), and the first key (to spot a server ignoring Offset).
 */
record SearchPage(int rows, Long count, boolean capped, String firstKey, boolean noRecords) {
}
