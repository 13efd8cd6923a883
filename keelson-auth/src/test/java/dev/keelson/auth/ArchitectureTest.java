package dev.keelson.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The server mounts these services; they must not bring an HTTP server of their own. */
class ArchitectureTest {
  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.keelson.auth");

  @Test
  void noHttpServerLibrary() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
        "com.sun.net.httpserver..", "jakarta.servlet..", "javax.servlet..", "org.eclipse.jetty..",
        "io.vertx..", "io.netty..", "io.undertow..", "org.apache.catalina..", "io.javalin..")
        .check(CLASSES);
  }

  @Test
  void theSeamsDependOnNothingElseOfTheModule() {
    noClasses().that().haveSimpleNameNotStartingWith("KeelsonAuth").and().haveSimpleNameNotStartingWith("AuthOptions")
        .and().resideInAPackage("dev.keelson.auth")
        .should().dependOnClassesThat().resideInAPackage("dev.keelson.auth.(*)..")
        .check(CLASSES);
  }
}
