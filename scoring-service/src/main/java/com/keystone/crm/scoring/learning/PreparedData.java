package com.keystone.crm.scoring.learning;

/** A training set made ready for training, with its report. */
public record PreparedData(Dataset dataset, DataReport report) {
}
