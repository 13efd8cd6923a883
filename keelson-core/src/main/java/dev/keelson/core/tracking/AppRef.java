package dev.keelson.core.tracking;

import java.util.Objects;

/** The Application that manages an object: namespace and name. */
public record AppRef(String namespace, String name) {
  public AppRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
