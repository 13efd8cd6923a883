package dev.keelson.secrets.sops;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where a user's keys live, as sops looks for them: age identities in {@code SOPS_AGE_KEY}, the
 * file {@code SOPS_AGE_KEY_FILE} and {@code $XDG_CONFIG_HOME/sops/age/keys.txt} (default {@code
 * ~/.config}); OpenPGP keys in the user's gpg, exported by running {@code gpg}. For the command
 * line; the engine reads keys from a Secret only.
 */
public final class SopsKeySources {
  private static final long GPG_TIMEOUT_SECONDS = 60;

  /** The process environment and home directory to read from (a test passes its own). */
  public record Environment(Map<String, String> variables, Path home) {
    public Environment {
      variables = Map.copyOf(variables);
    }

    public static Environment system() {
      return new Environment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    Optional<String> get(String name) {
      return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
    }
  }

  private SopsKeySources() {}

  /** Every age identity sops would find; none is not an error. */
  public static SopsKeys ageIdentities(Environment env) throws SopsException {
    SopsKeys keys = SopsKeys.none();
    Optional<String> inline = env.get("SOPS_AGE_KEY");
    if (inline.isPresent()) keys = keys.and(SopsKeys.ageIdentities("SOPS_AGE_KEY", inline.get()));
    Optional<String> file = env.get("SOPS_AGE_KEY_FILE");
    if (file.isPresent()) keys = keys.and(ageKeyFile(Path.of(file.get()), "SOPS_AGE_KEY_FILE=" + file.get()));
    Path config = env.get("XDG_CONFIG_HOME").map(Path::of).orElse(env.home().resolve(".config"));
    Path defaultFile = config.resolve("sops/age/keys.txt");
    if (Files.isRegularFile(defaultFile)) keys = keys.and(ageKeyFile(defaultFile, defaultFile.toString()));
    return keys;
  }

  private static SopsKeys ageKeyFile(Path file, String source) throws SopsException {
    try {
      return SopsKeys.ageIdentities(source, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SopsException(source, "cannot read the age keys file: " + e.getMessage());
    }
  }

  /** A key file given explicitly: an armored OpenPGP key or an age keys file, told apart by content. */
  public static SopsKeys keyFile(Path file) throws SopsException {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new SopsException(file.toString(), "cannot be read: " + e.getMessage());
    }
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.contains("-----BEGIN PGP")) return SopsKeys.pgpSecretKeys(file.toString(), content);
    return SopsKeys.ageIdentities(file.toString(), text);
  }

  /**
   * The secret keys gpg holds for these fingerprints ({@code gpg --batch --export-secret-keys
   * --armor}); fingerprints gpg does not know are skipped. No gpg installed: no keys.
   */
  public static SopsKeys gpgSecretKeys(Environment env, List<String> fingerprints) throws SopsException {
    Optional<Path> gpg = gpg(env);
    if (gpg.isEmpty() || fingerprints.isEmpty()) return SopsKeys.none();
    SopsKeys keys = SopsKeys.none();
    for (String fp : fingerprints) {
      Gpg r = run(env, gpg.get(), "--batch", "--export-secret-keys", "--armor", fp);
      if (r.code != 0 || r.out.length == 0) continue;
      keys = keys.and(SopsKeys.pgpSecretKeys("gpg secret key " + fp, r.out));
    }
    return keys;
  }

  /** The public key gpg holds for a fingerprint ({@code gpg --export --armor}). */
  public static byte[] gpgPublicKey(Environment env, String fingerprint) throws SopsException {
    Path gpg = gpg(env).orElseThrow(() -> new SopsException(fingerprint, "gpg is not installed (needed to look the OpenPGP key up)"));
    Gpg r = run(env, gpg, "--batch", "--export", "--armor", fingerprint);
    if (r.code != 0 || r.out.length == 0) {
      throw new SopsException(fingerprint, "gpg has no public key for this fingerprint" + (r.err.isBlank() ? "" : " (" + r.err.strip().lines().findFirst().orElse("") + ")"));
    }
    return r.out;
  }

  private record Gpg(int code, byte[] out, String err) {}

  private static Gpg run(Environment env, Path gpg, String... args) throws SopsException {
    List<String> cmd = new ArrayList<>();
    cmd.add(gpg.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(env.variables());
    pb.environment().putIfAbsent("HOME", env.home().toString());
    try {
      File err = File.createTempFile("keelson-gpg-", ".err");
      try {
        pb.redirectError(err);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(GPG_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new SopsException(String.join(" ", args), "gpg did not answer within " + GPG_TIMEOUT_SECONDS + "s");
        }
        return new Gpg(p.exitValue(), out, Files.readString(err.toPath()));
      } finally {
        Files.deleteIfExists(err.toPath());
      }
    } catch (IOException e) {
      throw new SopsException("gpg", "could not run gpg: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SopsException("gpg", "interrupted");
    }
  }

  private static Optional<Path> gpg(Environment env) {
    String path = env.get("PATH").orElse("/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      Path candidate = Path.of(dir, "gpg");
      if (Files.isExecutable(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }
}
