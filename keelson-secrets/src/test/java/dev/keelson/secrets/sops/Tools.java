package dev.keelson.secrets.sops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real age and gpg command lines, to prove interoperability. */
final class Tools {
  private Tools() {}

  record Result(int code, byte[] out, String err) {
    String text() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  static Result run(Map<String, String> env, byte[] stdin, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    Path err = Files.createTempFile("tool-", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      if (stdin != null) in.write(stdin);
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish");
    }
    String e = Files.readString(err);
    Files.delete(err);
    return new Result(p.exitValue(), out, e);
  }

  static Result ok(Map<String, String> env, byte[] stdin, String... command) throws IOException, InterruptedException {
    Result r = run(env, stdin, command);
    if (r.code() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + r.err());
    return r;
  }

  /** An age identity made by age-keygen: the keys file's text and its recipient. */
  record AgeKey(String keysFile, String recipient, Path path) {}

  static AgeKey ageKeygen(Path dir) throws IOException, InterruptedException {
    Path f = Files.createTempFile(dir, "age-", ".txt");
    Files.delete(f);
    ok(Map.of(), null, "age-keygen", "-o", f.toString());
    String text = Files.readString(f);
    String recipient = text.lines().filter(l -> l.startsWith("# public key: ")).findFirst().orElseThrow().substring("# public key: ".length()).strip();
    return new AgeKey(text, recipient, f);
  }

  /** A GNUPGHOME of its own with the sops test keys imported. */
  static Map<String, String> gnupgHome(Path dir) throws Exception {
    Path home = Files.createDirectories(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = Map.of("GNUPGHOME", home.toString());
    ok(env, Fixtures.read("sops_functional_tests_key.asc"), "gpg", "--batch", "--import");
    return env;
  }

  /** gpg leaves an agent running per GNUPGHOME; a test stops the one it caused. */
  static void stopAgent(Map<String, String> env) throws IOException, InterruptedException {
    run(env, null, "gpgconf", "--kill", "all");
  }

  static List<String> lines(String s) {
    return s.lines().toList();
  }
}
