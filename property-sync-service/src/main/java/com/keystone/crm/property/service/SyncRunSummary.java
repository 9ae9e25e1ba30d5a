package com.keystone.crm.property.service;

/** Short texts about runs for ops. */
final class SyncRunSummary {
    private SyncRunSummary() {
    }

    static String reason(String code, String message) {
        String s = code + ": " + message;
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }
}
