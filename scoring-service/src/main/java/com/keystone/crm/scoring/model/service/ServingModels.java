package com.keystone.crm.scoring.model.service;

/** The tenant's champion and, while an A/B test runs, its challenger; either may be null. */
public record ServingModels(ChampionRef champion, ChampionRef challenger) {
}
