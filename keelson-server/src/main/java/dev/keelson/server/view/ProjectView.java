package dev.keelson.server.view;

import dev.keelson.api.v1alpha1.AppProjectSpec;
import java.util.List;

public record ProjectView(String namespace, String name, AppProjectSpec spec) {
  public record ProjectList(List<ProjectView> items) {}
}
