package com.keystone.crm.scoring.learning;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProtectedAttributesTest {
    private final ProtectedAttributes fairHousing = ProtectedAttributes.defaults();

    @Test
    void protectedCharacteristicsAreRefusedByNameInAnySpelling() {
        for (String name : new String[] {"race", "Race", "colour", "religion", "national_origin", "NationalOrigin", "sex",
                "gender", "familial status", "familyStatus", "disability", "age", "applicant_age", "marital", "Marital-Status",
                "date_of_birth", "dob"}) {
            assertThat(fairHousing.isProtected(name)).as(name).isTrue();
        }
    }

    @Test
    void ordinaryFeaturesAreNot() {
        for (String name : new String[] {"agent_load", "page_views", "source", "budget_max", "days_since_created", "message",
                "stage", "coverage", "racecourse_distance"}) {
            assertThat(fairHousing.isProtected(name)).as(name).isFalse();
        }
    }

    @Test
    void theRuleIsConservative() {
        // any column with the word "age" is refused (and reported): rename a listing's age rather than risk a person's
        assertThat(fairHousing.isProtected("listing_age")).isTrue();
    }

    @Test
    void aDeploymentCanAddTerms() {
        assertThat(new ProtectedAttributes(Set.of("veteran")).isProtected("veteran_status")).isTrue();
    }
}
