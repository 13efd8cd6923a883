package dev.keelson.controller.promotion;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.repos.RepositoryCredentials;
import dev.keelson.controller.repos.SecretData;
import dev.keelson.source.GitCredentials;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The Git repository a stage's Application reads, with the credentials it reads it with (its
 * source.secretRef, else Argo CD's repository Secrets) and the branch it tracks: promotion commits
 * are written with the same credentials, as image update automation writes them.
 *
 * @param branch the branch the app tracks, or main when it tracks a tag, a commit or HEAD
 * @param path the app's source path, from the repository's root
 */
record StageRepository(String url, GitCredentials credentials, String branch, String path) {

  /** @throws IllegalArgumentException when the app has no Git source or its Secret is missing */
  static StageRepository of(KubernetesClient client, RepositoryCredentials repositories, Application app) {
    String where = "Application " + app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
    var source = app.getSpec() == null ? null : app.getSpec().source;
    if (source == null || source.repoURL == null || source.chart != null) {
      throw new IllegalArgumentException(where + " has no Git source to promote into");
    }
    GitCredentials creds;
    if (source.secretRef != null && source.secretRef.name != null) {
      Secret s = client.secrets().inNamespace(app.getMetadata().getNamespace()).withName(source.secretRef.name).get();
      if (s == null) {
        throw new IllegalArgumentException(where + ": source.secretRef: Secret " + source.secretRef.name + " not found");
      }
      creds = GitCredentials.fromSecretData(SecretData.of(s));
    } else {
      String project = app.getSpec().project == null ? "default" : app.getSpec().project;
      creds = repositories.forUrl(source.repoURL, project).map(GitCredentials::fromSecretData).orElse(GitCredentials.NONE);
    }
    String rev = source.revision;
    boolean branch = rev != null && !rev.isBlank() && !rev.equals("HEAD") && rev.matches("[A-Za-z0-9._/-]+")
        && !rev.matches("v?\\d+(\\.\\d+){0,2}") && !rev.matches("[0-9a-f]{40}");
    return new StageRepository(source.repoURL, creds, branch ? rev : "main",
        source.path == null ? "" : PipelineSettings.trim(source.path));
  }
}
