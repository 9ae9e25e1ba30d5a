package com.keystone.crm.gateway.rest;

import jakarta.validation.constraints.Size;

/** A null teamId takes the user out of any team. */
public record TeamAssignmentRequest(@Size(max = 128) String teamId) {
}
