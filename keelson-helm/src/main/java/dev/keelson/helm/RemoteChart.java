package dev.keelson.helm;

import java.util.Objects;

/**
 * A chart from a Helm repository ({@code https://}, or {@code http://} on loopback) or an OCI
 * registry ({@code oci://host/path}).
 *
 * @param repositoryUrl the repository URL ({@code index.yaml} is read from it) or {@code
 *     oci://host/path} (the chart is {@code path/name})
 * @param name the chart's name
 * @param revision an exact version or a semver range ({@code ^1.2}, {@code >=1.0 <2.0}); the newest
 *     matching version is used; null or empty for the newest non-prerelease
 * @param auth credentials and CA; {@link RepositoryAuth#NONE} for anonymous
 */
public record RemoteChart(String repositoryUrl, String name, String revision, RepositoryAuth auth) {
  public RemoteChart {
    Objects.requireNonNull(repositoryUrl, "repositoryUrl");
    Objects.requireNonNull(name, "name");
    auth = auth == null ? RepositoryAuth.NONE : auth;
  }

  public boolean isOci() {
    return repositoryUrl.startsWith("oci://");
  }
}
