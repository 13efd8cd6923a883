package dev.keelson.source;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads the files under a directory at a commit straight from the object database.
 *
 * <p>Sizes are checked in the object database before a byte is read: a repository may hold a
 * blob of any size, and reading it whole would take the controller's heap from every other app.
 */
final class TreeReader {
  /** A file larger than this is not a manifest anyone writes by hand; generated CRD bundles stay well below. */
  static final long MAX_FILE_BYTES = 32L << 20;
  /** All files under one path together: what one render may hold in memory at once. */
  static final long MAX_TREE_BYTES = 128L << 20;

  private final Repository repo;
  private final String redactedUrl;

  TreeReader(Repository repo, String redactedUrl) {
    this.repo = repo;
    this.redactedUrl = redactedUrl;
  }

  SourceTree read(String commitSha, String path) throws SourceException, IOException {
    String dir = normalizePath(path);
    ObjectId commitId = parseCommitId(commitSha);
    try (ObjectReader reader = repo.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      RevCommit commit = commit(walk, commitId, commitSha);
      ObjectId treeId = dir.isEmpty() ? commit.getTree() : subtree(reader, commit, dir);
      Map<String, byte[]> files = new TreeMap<>();
      long total = 0;
      try (TreeWalk tw = new TreeWalk(reader)) {
        tw.addTree(treeId);
        tw.setRecursive(true);
        while (tw.next()) {
          // Only regular and executable files: symlinks would yield their target path as
          // content, and gitlinks (submodules) have no content in this repository.
          int type = tw.getRawMode(0) & FileMode.TYPE_MASK;
          if (type == FileMode.TYPE_FILE) {
            long size = reader.getObjectSize(tw.getObjectId(0), Constants.OBJ_BLOB);
            String file = dir.isEmpty() ? tw.getPathString() : dir + "/" + tw.getPathString();
            if (size > MAX_FILE_BYTES) {
              throw new SourceException(file + " is " + mebibytes(size) + " at commit " + commit.name()
                  + "; files over " + mebibytes(MAX_FILE_BYTES) + " are not read");
            }
            total += size;
            if (total > MAX_TREE_BYTES) {
              throw new SourceException("the files under " + (dir.isEmpty() ? "the repository root" : dir)
                  + " come to more than " + mebibytes(MAX_TREE_BYTES) + " at commit " + commit.name()
                  + " (reached at " + file + ")");
            }
            files.put(tw.getPathString(), reader.open(tw.getObjectId(0), Constants.OBJ_BLOB).getBytes());
          }
        }
      }
      return new SourceTree(
          commit.name(), dir, treeId.name(), Collections.unmodifiableMap(files));
    }
  }

  private static String mebibytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  /** The tree id of a directory at a commit, without reading any file. */
  String treeId(String commitSha, String path) throws SourceException, IOException {
    String dir = normalizePath(path);
    ObjectId commitId = parseCommitId(commitSha);
    try (ObjectReader reader = repo.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      RevCommit commit = commit(walk, commitId, commitSha);
      return (dir.isEmpty() ? commit.getTree() : subtree(reader, commit, dir)).name();
    }
  }

  private RevCommit commit(RevWalk walk, ObjectId commitId, String commitSha)
      throws SourceException, IOException {
    try {
      return walk.parseCommit(commitId);
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      throw new SourceException("commit " + commitSha + " not found in " + redactedUrl);
    }
  }

  private ObjectId subtree(ObjectReader reader, RevCommit commit, String dir)
      throws IOException, SourceException {
    try (TreeWalk tw = TreeWalk.forPath(reader, dir, commit.getTree())) {
      if (tw == null) {
        throw new SourceException(
            "path " + dir + " not found at commit " + commit.name() + " in " + redactedUrl);
      }
      if ((tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_TREE) {
        throw new SourceException(
            "path " + dir + " is not a directory at commit " + commit.name() + " in " + redactedUrl);
      }
      return tw.getObjectId(0);
    }
  }

  private ObjectId parseCommitId(String commitSha) throws SourceException {
    if (commitSha == null || !ObjectId.isId(commitSha)) {
      throw new SourceException("not a full commit id: " + commitSha);
    }
    return ObjectId.fromString(commitSha);
  }

  /** "", ".", "/", "./apps/", "apps//web" all name directories relative to the root. */
  static String normalizePath(String path) throws SourceException {
    if (path == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String part : path.replace('\\', '/').split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new SourceException("path must not contain '..': " + path);
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(part);
    }
    return out.toString();
  }
}
