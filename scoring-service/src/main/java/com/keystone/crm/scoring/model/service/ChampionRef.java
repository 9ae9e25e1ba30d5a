package com.keystone.crm.scoring.model.service;

import java.util.UUID;

/** The tenant's serving model, without its bytes. */
public record ChampionRef(UUID id, String name, boolean eligible) {
}
