package com.keystone.crm.property.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Issue #10 item 1 for this service: dependencies run one way, rest -> service -> repository/domain. Commands and
 * views belong to the service side; only resources (and their HTTP-only bodies) live in {@code rest}.
 */
class LayeringTest {
    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.keystone.crm.property");

    @Test
    void nothingOutsideRestDependsOnRest() {
        noClasses().that().resideOutsideOfPackage("..property.rest..")
                .should().dependOnClassesThat().resideInAPackage("..property.rest..")
                .check(MAIN);
    }

    @Test
    void repositoriesAndDomainDoNotDependOnServices() {
        noClasses().that().resideInAnyPackage("..property.repository..", "..property.domain..", "..property.client..",
                        "..property.secret..")
                .should().dependOnClassesThat().resideInAPackage("..property.service..")
                .check(MAIN);
    }
}
