package dev.keelson.controller.repos;

import dev.keelson.source.GitSourceCache;
import dev.keelson.source.ResolvedRevision;
import dev.keelson.source.SourceException;
import java.util.Arrays;
import java.util.Map;

/**
 * What a branch Keelson pushes to (image automation, promotion) holds already: so a pass that
 * would push the same contents to a review branch again pushes nothing.
 */
public final class PushedBranches {
  private final GitSourceCache git;

  public PushedBranches(GitSourceCache git) {
    this.git = git;
  }

  /** The branch's head; null when the repository has no such branch or cannot be read. */
  public ResolvedRevision existing(String url, String branch) {
    try {
      ResolvedRevision r = git.resolve(url, branch);
      return r.ref().equals("refs/heads/" + branch) ? r : null;
    } catch (SourceException e) {
      return null;
    }
  }

  /** Whether {@code commit} holds these files (path to contents) byte for byte. */
  public boolean holds(String url, String commit, Map<String, byte[]> files) {
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        String dir = f.getKey().contains("/") ? f.getKey().substring(0, f.getKey().lastIndexOf('/')) : "";
        String name = f.getKey().substring(f.getKey().lastIndexOf('/') + 1);
        byte[] there = git.read(url, commit, dir).files().get(name);
        if (there == null || !Arrays.equals(there, f.getValue())) return false;
      }
      return true;
    } catch (SourceException e) {
      return false;
    }
  }
}
