package dev.keelson.core.project;

/**
 * Which AppProject an app follows: one found in a namespace, or the implicit {@code default} that
 * allows everything (no AppProject named default exists where it is looked up).
 */
public sealed interface ProjectId {
  String name();

  record Found(String namespace, String name) implements ProjectId {
    @Override
    public String toString() {
      return "AppProject " + namespace + "/" + name;
    }
  }

  record ImplicitDefault() implements ProjectId {
    @Override
    public String name() {
      return "default";
    }

    @Override
    public String toString() {
      return "project default (none defined: everything allowed)";
    }
  }

  ProjectId IMPLICIT_DEFAULT = new ImplicitDefault();
}
