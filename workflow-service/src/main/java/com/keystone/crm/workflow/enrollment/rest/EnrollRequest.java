package com.keystone.crm.workflow.enrollment.rest;

import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** A manual enrollment: the lead to enroll. */
public record EnrollRequest(@NotNull UUID leadId) {
}
