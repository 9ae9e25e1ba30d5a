package com.keystone.crm.scoring.training.service;

import com.keystone.crm.scoring.learning.ColumnRole;
import com.keystone.crm.scoring.learning.TableSpec;

import java.util.Map;
import java.util.Set;

/**
 * What the uploader says about a training set (the multipart {@code spec} part, or query parameters with text/csv).
 *
 * @param train start a training run on it at once (default true)
 */
public record UploadSpec(String label, String positiveLabel, Map<String, ColumnRole> roles, Set<String> protectedColumns,
                         Set<String> allowLeakage, Boolean train) {
    public TableSpec table() {
        return new TableSpec(label, positiveLabel, roles, protectedColumns, allowLeakage);
    }

    public boolean trains() {
        return train == null || train;
    }
}
