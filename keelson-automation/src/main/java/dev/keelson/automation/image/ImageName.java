package dev.keelson.automation.image;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image repository as Docker names it: {@code nginx} is {@code docker.io/library/nginx}, a
 * first component with a dot, a colon or {@code localhost} is a registry host. A tag or digest
 * given with it is dropped: an ImageRepository names a repository, not one image.
 *
 * @param registry the host (and port) as written, {@code docker.io} when none is
 * @param repository the path inside the registry, {@code library/nginx}
 * @param written the repository as the user wrote it (without tag), which setters write back
 */
public record ImageName(String registry, String repository, String written) {
  public static final String DOCKER_HUB = "docker.io";
  private static final Pattern PATH = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

  /** @throws IllegalArgumentException naming the image when it is not a repository name */
  public static ImageName parse(String image) {
    if (image == null || image.isBlank()) throw new IllegalArgumentException("spec.image is required");
    String s = image.strip();
    for (String scheme : new String[] {"https://", "http://", "oci://"}) {
      if (s.startsWith(scheme)) throw new IllegalArgumentException("spec.image " + image + " must not have a scheme (" + scheme + ")");
    }
    int at = s.indexOf('@');
    if (at >= 0) s = s.substring(0, at);
    int slash = s.indexOf('/');
    String first = slash < 0 ? "" : s.substring(0, slash);
    boolean hasHost = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    String host = hasHost ? first : DOCKER_HUB;
    String path = hasHost ? s.substring(slash + 1) : s;
    int colon = path.lastIndexOf(':');
    if (colon >= 0) path = path.substring(0, colon);
    String written = hasHost ? host + "/" + path : path;
    if (host.equals("index.docker.io") || host.equals("registry-1.docker.io")) host = DOCKER_HUB;
    if (host.equals(DOCKER_HUB) && !path.contains("/")) path = "library/" + path;
    if (!PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("spec.image " + image + " is not an image repository name"
          + (path.equals(path.toLowerCase(Locale.ROOT)) ? "" : " (repository names are lower case)"));
    }
    return new ImageName(host, path, written);
  }

  /** Where the registry's API is: Docker Hub's is not at docker.io. */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
  }

  /** host/repository, the name status shows and credentials are looked up by. */
  public String canonical() {
    return registry + "/" + repository;
  }

  /** Whether {@code other} (as written in a manifest, without tag) names this repository. */
  public boolean sameRepository(String other) {
    try {
      ImageName o = parse(other);
      return o.registry.equals(registry) && o.repository.equals(repository);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return written;
  }
}
