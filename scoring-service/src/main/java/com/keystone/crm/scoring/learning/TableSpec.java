package com.keystone.crm.scoring.learning;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the uploader says about a training set; everything not said is inferred and reported.
 *
 * @param label            the label column (required)
 * @param positiveLabel    the label value meaning "converted"; inferred from yes/true/1/converted/won when absent
 * @param roles            explicit column roles
 * @param protectedColumns columns an admin tagged as protected characteristics (refused as features)
 * @param allowLeakage     columns an admin allows although the leakage guard flags them
 */
public record TableSpec(String label, String positiveLabel, Map<String, ColumnRole> roles, Set<String> protectedColumns,
                        Set<String> allowLeakage) {
    public TableSpec {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
        protectedColumns = protectedColumns == null ? Set.of() : Set.copyOf(protectedColumns);
        allowLeakage = allowLeakage == null ? Set.of() : Set.copyOf(allowLeakage);
    }

    public List<String> explicitColumns() {
        return List.copyOf(roles.keySet());
    }
}
