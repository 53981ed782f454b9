package org.serveline.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** The module structure: features keep their internals, and the plain modules stay free of Spring and JDBC. */
class ModularityTests {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.serveline.server");

    private static final JavaClasses PLAIN_MODULES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.serveline.telephony", "org.serveline.recordings", "org.serveline.pbxsim");

    @Test
    void noFeatureReachesIntoAnotherFeaturesInternals() {
        noClasses().should(new ArchCondition<JavaClass>("access another feature's internal package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                    JavaClass target = dependency.getTargetClass();
                    String targetFeature = feature(target.getPackageName());
                    boolean internal = target.getPackageName().contains(".internal");
                    if (internal && targetFeature != null && !targetFeature.equals(feature(origin.getPackageName()))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        }).check(SERVER);
    }

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        slices().matching("org.serveline.server.(*)..").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void telephonyRecordingsAndTheSimulatorKnowNothingOfSpringOrTheDatabase() {
        noClasses().should().dependOnClassesThat(DescribedPredicate.describe("Spring, JDBC or the server",
                        (JavaClass c) -> c.getPackageName().startsWith("org.springframework")
                                || c.getPackageName().startsWith("java.sql")
                                || c.getPackageName().startsWith("javax.sql")
                                || c.getPackageName().startsWith("org.mariadb")
                                || c.getPackageName().startsWith("org.serveline.server")))
                .allowEmptyShould(true)
                .check(PLAIN_MODULES);
    }

    @Test
    void telephonyAndRecordingsDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("org.serveline.telephony..")
                .should().dependOnClassesThat().resideInAPackage("org.serveline.recordings..")
                .allowEmptyShould(true).check(PLAIN_MODULES);
        noClasses().that().resideInAPackage("org.serveline.recordings..")
                .should().dependOnClassesThat().resideInAPackage("org.serveline.telephony..")
                .allowEmptyShould(true).check(PLAIN_MODULES);
    }

    private static String feature(String packageName) {
        String prefix = "org.serveline.server.";
        if (!packageName.startsWith(prefix)) {
            return null;
        }
        String rest = packageName.substring(prefix.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
