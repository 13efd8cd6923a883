package dev.keelson.helm;

import dev.keelson.core.model.RepoPath;

/** Paths named in the spec, resolved against a directory of the repository without leaving it. */
final class RepoPaths {

  private RepoPaths() {}

  /**
   * @param dir the directory the reference is relative to, from the repository root ("" for it)
   * @param ref the path as the spec names it
   * @param what what the path is, for the message ({@code value file})
   * @return the path from the repository root
   */
  static String resolve(String dir, String ref, String what) throws HelmRenderException {
    String r = ref == null ? "" : ref.strip();
    if (r.isEmpty()) {
      throw new HelmRenderException(ref, what + ": empty path");
    }
    if (r.contains("://")) {
      throw new HelmRenderException(ref, what + " '" + ref + "': remote files are not allowed; the file must be in the repository");
    }
    if (RepoPath.isAbsolute(r)) {
      throw new HelmRenderException(ref, what + " '" + ref + "': absolute paths are not allowed; use a path relative to the chart");
    }
    return RepoPath.resolve(dir, r)
        .orElseThrow(() -> new HelmRenderException(ref, what + " '" + ref + "' escapes the repository"));
  }
}
