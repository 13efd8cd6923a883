package dev.keelson.server.view;

import java.util.List;

/** Live against desired, as {@code keelson app diff} prints it, one unified diff per object. */
public record DiffView(String revision, boolean different, List<ObjectDiff> objects) {
  public record ObjectDiff(String group, String kind, String namespace, String name, String diff) {}
}
