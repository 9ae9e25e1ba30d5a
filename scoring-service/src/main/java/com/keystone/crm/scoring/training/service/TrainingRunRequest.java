package com.keystone.crm.scoring.training.service;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Set;
import java.util.UUID;

/**
 * A training run asked for: on an uploaded training set, or on the feature store's leads ({@code source: events}).
 *
 * @param allowLeakage features an admin allows although the leakage guard flags them
 */
public record TrainingRunRequest(@Pattern(regexp = "training-set|events") String source, UUID trainingSetId,
                                 @Size(max = 100) Set<@Size(min = 1, max = 200) String> allowLeakage) {
}
