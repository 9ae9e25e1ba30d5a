package com.keystone.crm.lead.savedsearch.repository;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.TestPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matching query stays indexable: its predicates must keep matching the partial indexes on live saved searches.
 * With sequential scans disabled the planner must reach saved_search through one of them; a query edit that loses
 * the partial-index predicate (or the tenant) would fall back to a scan of every search and fail here.
 */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class ListingMatchRepositoryPlanTest {

    @Test
    void matchingUsesTheLiveSearchIndexes() throws Exception {
        // JPA's ?N parameters become $N of a prepared statement (?8 appears twice)
        String query = ListingMatchRepository.MATCHING_SEARCHES.replaceAll("\\?(\\d+)", "\\$$1");
        StringBuilder plan = new StringBuilder();
        try (Connection c = DriverManager.getConnection(CrmTestEnvironment.get().postgres().jdbcUrl("lead-service"),
                TestPostgres.USER, TestPostgres.PASSWORD); Statement st = c.createStatement()) {
            st.execute("SET enable_seqscan = off");
            st.execute("PREPARE matching(text, text, text, text, text, text, text, numeric, integer, integer) AS " + query);
            try (ResultSet rs = st.executeQuery("EXPLAIN EXECUTE matching('plan-realty', '*', 'city:oakland', "
                    + "'zip:94610', NULL, 'Active', 'Residential', 650000, 3, 2)")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        assertThat(plan.toString()).as("plan:%n%s", plan).containsPattern("saved_search_live_(tenant|location)");
    }
}
