package dev.keelson.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core is pure: everything that talks to a cluster or to Git lives in other modules. */
class CorePurityTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.keelson.core");

  @Test
  void coreDoesNotDependOnTheKubernetesClient() {
    noClasses()
        .that()
        .resideInAPackage("dev.keelson.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fabric8..")
        .check(CORE);
  }

  @Test
  void coreDoesNotDependOnJGit() {
    noClasses()
        .that()
        .resideInAPackage("dev.keelson.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.eclipse.jgit..")
        .check(CORE);
  }
}
