package dev.keelson.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A Git repository on this machine (a work tree or a bare repository): where its object database
 * is and which remotes it names, so that the Applications whose {@code repoURL} is one of them (or
 * the repository's own path) can be read from it with {@link GitSourceCache#standIn}.
 *
 * @param gitDir the repository's {@code .git} directory (the directory itself when bare)
 * @param remoteUrls the URLs of its remotes, as configured
 */
public record LocalCheckout(Path gitDir, List<String> remoteUrls) {

  public LocalCheckout {
    remoteUrls = List.copyOf(remoteUrls);
  }

  /** The repository holding {@code dir}, looking upwards as git does. */
  public static LocalCheckout open(Path dir) throws SourceException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment()
        .findGitDir(dir.toAbsolutePath().normalize().toFile());
    if (builder.getGitDir() == null) {
      // a bare repository given directly
      builder = new FileRepositoryBuilder().setGitDir(dir.toAbsolutePath().normalize().toFile());
    }
    try (Repository repo = builder.setMustExist(true).build()) {
      List<String> urls = new ArrayList<>();
      var config = repo.getConfig();
      for (String remote : config.getSubsections("remote")) {
        for (String url : config.getStringList("remote", remote, "url")) urls.add(url);
      }
      return new LocalCheckout(repo.getDirectory().toPath(), urls);
    } catch (IOException | IllegalArgumentException e) {
      throw new SourceException(dir + " is not a Git repository: " + e.getMessage(), e);
    }
  }

  /**
   * Whether an Application's {@code repoURL} names this repository: one of its remotes, or the
   * repository itself as a path or {@code file:} URL.
   */
  public boolean serves(String repoUrl) {
    if (repoUrl == null || repoUrl.isBlank()) return false;
    String wanted = Urls.normalize(repoUrl);
    for (String url : remoteUrls) {
      if (Urls.normalize(url).equals(wanted)) return true;
    }
    Path workTree = gitDir.getFileName() != null && gitDir.getFileName().toString().equals(".git")
        ? gitDir.getParent() : gitDir;
    for (Path self : List.of(gitDir, workTree)) {
      if (Urls.normalize(self.toString()).equals(wanted)) {
        return true;
      }
    }
    return false;
  }
}
