package com.keystone.crm.scoring.model.service;

import java.util.UUID;

/** A serving model (the tenant's champion or challenger), without its bytes; {@code share} is a challenger's. */
public record ChampionRef(UUID id, String name, boolean eligible, String status, Double share) {
}
