package dev.keelson.controller.receiver;

import java.util.List;
import java.util.Locale;

/** What sends to a Receiver, which says how a request is verified and which header names its event. */
public enum ReceiverType {
  github("X-GitHub-Event", List.of("push"), List.of("ping")),
  gitea("X-Gitea-Event", List.of("push"), List.of()),
  gitlab("X-Gitlab-Event", List.of("Push Hook", "Tag Push Hook"), List.of()),
  bitbucket("X-Event-Key", List.of("repo:refs_changed"), List.of("diagnostics:ping")),
  generic_hmac(null, List.of(), List.of()),
  generic(null, List.of(), List.of());

  /** The header naming the event, or null when the type has none (every request counts). */
  final String eventHeader;
  /** Events acted upon when the Receiver lists none. */
  final List<String> pushEvents;
  /** Events answered 200 without acting (a server checking that the hook works). */
  final List<String> pings;

  ReceiverType(String eventHeader, List<String> pushEvents, List<String> pings) {
    this.eventHeader = eventHeader;
    this.pushEvents = pushEvents;
    this.pings = pings;
  }

  /** As written in spec.type (generic-hmac with a dash). @throws IllegalArgumentException */
  public static ReceiverType parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    for (ReceiverType r : values()) {
      if (r.name().equals(t)) return r;
    }
    throw new IllegalArgumentException("spec.type: '" + text
        + "' is not github, gitlab, bitbucket, gitea, generic-hmac or generic");
  }

  public String specName() {
    return name().replace('_', '-');
  }
}
