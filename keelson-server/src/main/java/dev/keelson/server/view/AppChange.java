package dev.keelson.server.view;

/** What the stream sends: an app appeared or changed (its new summary), or went away. */
public record AppChange(Type type, ApplicationSummary app) {
  public enum Type {
    upsert,
    delete
  }
}
