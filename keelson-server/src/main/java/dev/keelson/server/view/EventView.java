package dev.keelson.server.view;

import java.util.List;

/** A Kubernetes Event about the app. */
public record EventView(String type, String reason, String message, Integer count, String firstTimestamp,
    String lastTimestamp, String source) {
  public record EventList(List<EventView> items) {}
}
