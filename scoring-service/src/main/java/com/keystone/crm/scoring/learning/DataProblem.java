package com.keystone.crm.scoring.learning;

/**
 * The data cannot make a meaningful model (one class only, too few rows, an unusable label or column): the caller
 * gets a clear answer naming the field instead of a crash or a model that means nothing.
 */
public class DataProblem extends RuntimeException {
    private final String field;
    private final String slug;

    public DataProblem(String slug, String field, String detail) {
        super(detail);
        this.slug = slug;
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String slug() {
        return slug;
    }
}
