package dev.keelson.cli.imports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The conversion is maps in, maps out: reading a cluster is the command's job, not the importers'. */
class ImportPurityTest {
  private static final JavaClasses IMPORTS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.keelson.cli.imports");

  @Test
  void importersDoNotTalkToAClusterOrToGit() {
    noClasses().that().resideInAPackage("dev.keelson.cli.imports..")
        .should().dependOnClassesThat().resideInAnyPackage("io.fabric8.kubernetes.client..", "org.eclipse.jgit..",
            "picocli..")
        .check(IMPORTS);
  }
}
