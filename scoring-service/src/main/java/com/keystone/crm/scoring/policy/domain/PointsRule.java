package com.keystone.crm.scoring.policy.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * One line of the points table: when the lead's feature equals {@code equals} (text), or lies within
 * [{@code atLeast}, {@code atMost}] (numbers; either bound may be absent), the lead gets {@code points}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PointsRule(@NotBlank @Size(max = 100) String feature, @Size(max = 200) String equals,
                         @DecimalMin("-1000000000") @DecimalMax("1000000000") Double atLeast,
                         @DecimalMin("-1000000000") @DecimalMax("1000000000") Double atMost,
                         @DecimalMin("-100") @DecimalMax("100") double points,
                         @NotBlank @Size(max = 200) String description) {
    public boolean matches(Object value) {
        if (value == null) {
            return false;
        }
        if (equals != null) {
            return equals.equalsIgnoreCase(text(value));
        }
        double v;
        if (value instanceof Number n) {
            v = n.doubleValue();
        } else {
            try {
                v = Double.parseDouble(value.toString());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return (atLeast == null || v >= atLeast) && (atMost == null || v <= atMost) && (atLeast != null || atMost != null);
    }

    private static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }
}
