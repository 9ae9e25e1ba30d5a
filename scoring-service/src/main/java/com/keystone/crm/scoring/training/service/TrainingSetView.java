package com.keystone.crm.scoring.training.service;

import com.keystone.crm.scoring.learning.DataReport;
import com.keystone.crm.scoring.learning.TableSpec;

import java.time.Instant;
import java.util.UUID;

/** An uploaded training set: its data report and the run it started (if any). */
public record TrainingSetView(UUID id, String fileName, String sha256, Instant createdAt, TableSpec spec,
                              DataReport report, UUID trainingRunId) {
}
