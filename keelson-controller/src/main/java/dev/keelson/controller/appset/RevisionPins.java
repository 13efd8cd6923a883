package dev.keelson.controller.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.core.appset.GeneratorException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Under RollingSync, a generated app's Git revision is written as the commit it resolves to now,
 * so a new commit on a tracked branch (or a new tag in a semver range) is a change of the apps'
 * specs like any other, and rolls out step by step: the apps of a later step stay at the commit
 * they were given until their turn. The revision the template asked for is kept in an annotation.
 * (Argo CD stages commits by turning automated sync off; here it stays on.)
 */
final class RevisionPins {
  static final String TRACKS = "keelson.dev/tracks-revision";
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

  private final RolloutReadiness.Revisions revisions;
  /** One resolution per repository and revision in a pass. */
  private final Map<String, String> resolved = new HashMap<>();

  RevisionPins(RolloutReadiness.Revisions revisions) {
    this.revisions = revisions;
  }

  /**
   * Pins a rendered app's Git source; a chart from a Helm repository, or a revision that already is
   * a commit, is left as it is.
   *
   * @throws GeneratorException when the revision cannot be resolved: the generator fails and its
   *     apps stay as they were
   */
  void pin(ObjectNode app) throws GeneratorException {
    JsonNode source = app.path("spec").path("source");
    if (!(source instanceof ObjectNode src) || !src.path("chart").asText("").isBlank()) return;
    String repo = src.path("repoURL").asText("");
    String revision = src.path("revision").asText("").strip();
    if (repo.isBlank() || SHA.matcher(revision).matches()) return;
    String asked = revision.isEmpty() ? "HEAD" : revision;
    String commit = resolved.get(repo + "@" + asked);
    if (commit == null) {
      commit = revisions.current(repo, asked);
      resolved.put(repo + "@" + asked, commit);
    }
    src.put("revision", commit);
    ObjectNode meta = app.has("metadata") && app.get("metadata").isObject()
        ? (ObjectNode) app.get("metadata") : app.putObject("metadata");
    ObjectNode annotations = meta.has("annotations") && meta.get("annotations").isObject()
        ? (ObjectNode) meta.get("annotations") : meta.putObject("annotations");
    annotations.put(TRACKS, asked);
  }
}
