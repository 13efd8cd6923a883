package dev.keelson.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;

/**
 * The files of a local directory as the renderers take a repository's: keyed by {@code /}-separated
 * path from the root of the enclosing Git work tree (the nearest ancestor holding {@code .git}, or
 * the directory itself when there is none), so that a Kustomize overlay reaches its bases and a
 * chart its {@code file://} dependencies elsewhere in the repository, as in the controller.
 *
 * <p>Files the work tree ignores ({@code .gitignore}: build output, caches) are left out: the
 * controller never sees them, and reading them would cost time and memory for nothing. Untracked
 * files that are not ignored are read, so uncommitted work renders, and so is the rendered
 * directory itself even when ignored. Symbolic links are skipped: Git
 * stores the link, not its target, and a target could lie outside the tree.
 *
 * @param root the work tree's root
 * @param path the rendered directory relative to {@code root}, "" for the root itself
 * @param files every file of the work tree
 */
record LocalTree(Path root, String path, Map<String, byte[]> files) {

  static LocalTree read(Path dir) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(target)) {
      throw new IOException(dir + ": no such directory");
    }
    Path root = gitRoot(target);
    String rel = root.relativize(target).toString().replace('\\', '/');
    Map<String, byte[]> files = new TreeMap<>();
    List<String> ignoredDirs = new ArrayList<>();
    if (!Files.exists(root.resolve(".git")) || !readWorkTree(root, files, ignoredDirs)) {
      readDirectory(root, root, files);
    } else if (ignoredDirs.stream().anyMatch(d -> rel.equals(d) || rel.startsWith(d + "/"))) {
      // The directory asked for is read even when the work tree ignores it (generated output).
      readDirectory(root, target, files);
    }
    return new LocalTree(root, rel, files);
  }

  private static Path gitRoot(Path dir) {
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return p;
      }
    }
    return dir;
  }

  /** False when {@code .git} is not a repository JGit can open: the tree is then read as a directory. */
  private static boolean readWorkTree(Path root, Map<String, byte[]> files, List<String> ignoredDirs)
      throws IOException {
    Repository repo;
    try {
      repo = new FileRepositoryBuilder().setWorkTree(root.toFile()).setMustExist(true).build();
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
    try (repo; TreeWalk walk = new TreeWalk(repo)) {
      // FileTreeIterator leaves out .git and answers the work tree's ignore rules.
      walk.addTree(new FileTreeIterator(repo));
      while (walk.next()) {
        WorkingTreeIterator entry = walk.getTree(0, WorkingTreeIterator.class);
        if (entry.isEntryIgnored()) {
          if (walk.isSubtree()) {
            ignoredDirs.add(walk.getPathString());
          }
          continue;
        }
        if (walk.isSubtree()) {
          walk.enterSubtree();
          continue;
        }
        Path file = root.resolve(walk.getPathString());
        if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          files.put(walk.getPathString(), Files.readAllBytes(file));
        }
      }
    }
    return true;
  }

  /** Every file below {@code dir}, keyed by its path from {@code root}, {@code .git} left out. */
  private static void readDirectory(Path root, Path dir, Map<String, byte[]> files) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        return d.getFileName() != null && d.getFileName().toString().equals(".git")
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
          files.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
