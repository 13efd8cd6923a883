package dev.keelson.controller.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.controller.repos.RepositorySecret;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a push says: the repository (every URL the payload gives for it) and the ref. A payload
 * that names neither (generic receivers, unknown shapes) narrows nothing: every app the Receiver
 * names is reconciled.
 *
 * @param branch the pushed branch (refs/heads/X), empty for a tag or when unknown
 */
record PushEvent(Set<String> repositoryUrls, Optional<String> branch) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final PushEvent ANY = new PushEvent(Set.of(), Optional.empty());

  static PushEvent parse(ReceiverType type, byte[] body) {
    if (type == ReceiverType.generic || type == ReceiverType.generic_hmac || body.length == 0) return ANY;
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return ANY;
    }
    if (root == null || !root.isObject()) return ANY;
    Set<String> urls = new LinkedHashSet<>();
    String ref = root.path("ref").asText("");
    switch (type) {
      case github, gitea -> {
        JsonNode r = root.path("repository");
        for (String f : new String[] {"clone_url", "ssh_url", "html_url", "git_url", "url"}) add(urls, r.path(f));
      }
      case gitlab -> {
        JsonNode p = root.path("project");
        for (String f : new String[] {"git_http_url", "git_ssh_url", "web_url", "http_url", "ssh_url"}) add(urls, p.path(f));
        JsonNode r = root.path("repository");
        for (String f : new String[] {"git_http_url", "git_ssh_url", "homepage", "url"}) add(urls, r.path(f));
      }
      case bitbucket -> {
        root.path("repository").path("links").path("clone").forEach(c -> add(urls, c.path("href")));
        JsonNode change = root.path("changes").path(0);
        ref = change.path("ref").path("id").asText(change.path("refId").asText(""));
      }
      default -> { }
    }
    Optional<String> branch = ref.startsWith("refs/heads/") ? Optional.of(ref.substring("refs/heads/".length()))
        : Optional.empty();
    return new PushEvent(Set.copyOf(urls), branch);
  }

  private static void add(Set<String> urls, JsonNode n) {
    if (n.isTextual() && !n.asText().isBlank()) urls.add(RepositorySecret.normalise(n.asText()));
  }

  /**
   * Whether an app's source is affected: same repository (when the payload names it) and, when it
   * tracks a branch by name, that branch. An app at HEAD, a tag, a range or a commit is reconciled
   * on any push to its repository: one look too many costs little, one too few loses the push.
   */
  boolean concerns(String repoUrl, String revision) {
    if (!repositoryUrls.isEmpty() && !repositoryUrls.contains(RepositorySecret.normalise(repoUrl))) return false;
    if (branch.isEmpty() || revision == null || revision.isBlank() || revision.equals("HEAD")) return true;
    boolean plainBranch = revision.matches("[A-Za-z0-9._/-]+") && !revision.matches("v?\\d+(\\.\\d+){0,2}")
        && !revision.matches("[0-9a-f]{40}");
    return !plainBranch || revision.equals(branch.get());
  }
}
