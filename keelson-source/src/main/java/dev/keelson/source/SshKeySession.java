package dev.keelson.source;

import dev.keelson.io.Directories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * An SSH session factory bound to one private key and one known_hosts, isolated from the
 * process user's {@code ~/.ssh}: key, known_hosts and an ssh config live in a private temp
 * directory that also serves as the factory's home and .ssh directory, and no SSH agent is used.
 * The generated config sets {@code StrictHostKeyChecking yes}, so unknown or changed host keys
 * are rejected and known_hosts is never written to.
 */
final class SshKeySession implements AutoCloseable {

  private static final Set<PosixFilePermission> DIR_PERMS =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_PERMS =
      PosixFilePermissions.fromString("rw-------");

  private final GitCredentials.SshKey key;
  private final Path dir;
  private final SshdSessionFactory factory;

  private SshKeySession(GitCredentials.SshKey key, Path dir, SshdSessionFactory factory) {
    this.key = key;
    this.dir = dir;
    this.factory = factory;
  }

  static SshKeySession create(GitCredentials.SshKey key) throws IOException {
    Path dir = createPrivateDirectory();
    try {
      Path identity = writePrivate(dir.resolve("identity"), normalizeKey(key.privateKeyPem()));
      Path knownHosts = writePrivate(dir.resolve("known_hosts"), key.knownHosts());
      Path config =
          writePrivate(
              dir.resolve("config"),
              String.join(
                  "\n",
                  "Host *",
                  "  StrictHostKeyChecking yes",
                  "  UserKnownHostsFile \"" + knownHosts + "\"",
                  "  IdentityFile \"" + identity + "\"",
                  "  IdentitiesOnly yes",
                  "  PreferredAuthentications publickey",
                  ""));
      String passphrase = key.passphrase();
      SshdSessionFactory factory =
          new SshdSessionFactoryBuilder()
              .setHomeDirectory(dir.toFile())
              .setSshDirectory(dir.toFile())
              .setConfigFile(home -> config.toFile())
              .setDefaultKnownHostsFiles(sshDir -> List.of(knownHosts))
              .setDefaultIdentities(sshDir -> List.of(identity))
              .setPreferredAuthentications("publickey")
              .setKeyPasswordProvider(provider -> new FixedPassphrase(passphrase))
              .build(null);
      return new SshKeySession(key, dir, factory);
    } catch (IOException | RuntimeException e) {
      // best effort: the directory is private to this user and under the temp directory
      Directories.deleteQuietly(dir);
      throw e;
    }
  }

  boolean isFor(GitCredentials.SshKey other) {
    return key.equals(other);
  }

  SshdSessionFactory factory() {
    return factory;
  }

  @Override
  public void close() {
    factory.close();
    Directories.deleteQuietly(dir); // best effort, as above
  }

  /** Keys pasted into Secrets often lose their final newline, which some PEM parsers require. */
  private static String normalizeKey(String pem) {
    String normalized = pem.replace("\r\n", "\n").strip();
    return normalized + "\n";
  }

  private static Path createPrivateDirectory() throws IOException {
    try {
      FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(DIR_PERMS);
      return Files.createTempDirectory("keelson-ssh-", attr);
    } catch (UnsupportedOperationException e) {
      // Non-POSIX file system: the temp directory's own ACLs are all we can rely on.
      return Files.createTempDirectory("keelson-ssh-");
    }
  }

  private static Path writePrivate(Path file, String content) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_PERMS));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    return file;
  }

  /** Supplies the configured passphrase once; never prompts. */
  private static final class FixedPassphrase implements KeyPasswordProvider {
    private final String passphrase;

    FixedPassphrase(String passphrase) {
      this.passphrase = passphrase;
    }

    @Override
    public char[] getPassphrase(URIish uri, int attempt) {
      return passphrase == null || attempt > 0 ? null : passphrase.toCharArray();
    }

    @Override
    public void setAttempts(int maxNumberOfAttempts) {}

    @Override
    public boolean keyLoaded(URIish uri, int attempt, Exception error) {
      return false;
    }
  }
}
