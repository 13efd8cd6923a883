package dev.keelson.server.view;

import dev.keelson.api.v1alpha1.ApplicationSetSpec;
import dev.keelson.api.v1alpha1.ApplicationSetStatus;
import java.util.List;

public record ApplicationSetView(String namespace, String name, ApplicationSetSpec spec, ApplicationSetStatus status) {
  public record ApplicationSetList(List<ApplicationSetView> items) {}
}
