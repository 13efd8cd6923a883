package dev.keelson.helm;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Fetches chart archives from Helm repositories and OCI registries, through a digest cache. */
final class ChartFetcher {

  private final ChartCache cache;
  private final HelmRepositoryClient repositories;
  private final OciRegistryClient registries;

  ChartFetcher(Path cacheDir) {
    this.cache = new ChartCache(cacheDir);
    this.repositories = new HelmRepositoryClient(cache);
    this.registries = new OciRegistryClient(cache);
  }

  FetchedChart fetch(RemoteChart chart) throws HelmRenderException {
    String where = Redaction.url(chart.repositoryUrl()) + " chart " + chart.name()
        + (chart.revision() == null || chart.revision().isBlank() ? "" : " " + chart.revision());
    try {
      if (chart.isOci()) {
        return registries.fetch(chart);
      }
      URI uri = URI.create(chart.repositoryUrl());
      Http.checkScheme(uri);
      return repositories.fetch(chart);
    } catch (IOException | IllegalArgumentException e) {
      throw new HelmRenderException("", "cannot fetch " + where + ": " + Redaction.text(e.getMessage(), chart.auth()), e);
    }
  }
}
