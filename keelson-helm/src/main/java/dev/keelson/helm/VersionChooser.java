package dev.keelson.helm;

import java.util.Collection;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * Picks a chart version as Helm does: an exact version, or the newest version matching a range
 * ({@code ^1.2}, {@code ~1.2.3}, {@code >=1.0 <2.0}, {@code >=1.0, <2.0}); no revision means the
 * newest stable one. Prereleases match only an exact version or a range naming a prerelease.
 */
final class VersionChooser {

  private VersionChooser() {}

  static Optional<String> choose(Collection<String> available, String revision) {
    String wanted = revision == null ? "" : revision.strip();
    Semver exact = parse(wanted);
    String range = wanted.isEmpty() ? "*" : wanted.replace(",", " ");
    boolean includePrerelease = range.contains("-");
    String best = null;
    Semver bestVersion = null;
    for (String candidate : available) {
      Semver v = parse(candidate);
      if (v == null) {
        continue;
      }
      boolean match;
      if (exact != null) {
        match = v.equals(exact);
      } else {
        try {
          match = v.satisfies(range, includePrerelease) && (includePrerelease || v.isStable());
        } catch (RuntimeException e) {
          return Optional.empty();
        }
      }
      if (match && (bestVersion == null || v.compareTo(bestVersion) > 0)) {
        best = candidate;
        bestVersion = v;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Semver parse(String version) {
    if (version.isEmpty()) {
      return null;
    }
    String v = version.startsWith("v") ? version.substring(1) : version;
    return Semver.parse(v);
  }
}
