package dev.keelson.controller.it;

import dev.keelson.secrets.sops.Sops;
import dev.keelson.secrets.sops.SopsEncryptOptions;
import dev.keelson.secrets.sops.SopsFormat;
import dev.keelson.secrets.sops.SopsSelector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SOPS test files: age keys from the real {@code age-keygen}, OpenPGP with the key sops uses for its
 * own functional tests ({@code ../shared/fixtures/sops}), files written by Keelson's encryptor
 * (whose output the keelson-secrets tests check against real sops files, age and gpg).
 */
final class SopsFiles {

  record Age(String identity, String recipient) {}

  private SopsFiles() {}

  static Age newAgeKey() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("age-keygen").redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException("age-keygen failed");
    Matcher m = Pattern.compile("# public key: (age1\\w+)").matcher(out);
    if (!m.find()) throw new IOException("age-keygen printed no public key");
    return new Age(out, m.group(1));
  }

  static Path fixtures() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/fixtures/sops");
      if (Files.isDirectory(candidate)) return candidate;
    }
    throw new IllegalStateException("shared/fixtures/sops not found above " + Path.of("").toAbsolutePath());
  }

  static String pgpSecretKey() throws IOException {
    return Files.readString(fixtures().resolve("sops_functional_tests_key.asc"));
  }

  static String encryptAge(String fileName, String plaintext, String recipient) throws Exception {
    return encrypt(fileName, plaintext, SopsEncryptOptions.age(recipient));
  }

  /** For the functional-test key of sops (its public part, read from the secret key file). */
  static String encryptPgp(String fileName, String plaintext) throws Exception {
    return encrypt(fileName, plaintext,
        SopsEncryptOptions.of(List.of(), List.of(pgpSecretKey().getBytes(StandardCharsets.UTF_8))));
  }

  /** A Kubernetes manifest keeps its metadata readable, as Flux's guide encrypts them. */
  private static String encrypt(String fileName, String plaintext, SopsEncryptOptions options) throws Exception {
    SopsFormat format = SopsFormat.ofFileName(fileName);
    if (format == SopsFormat.YAML && plaintext.contains("\nkind:")) {
      options = options.withSelector(SopsSelector.encryptedRegex("^(data|stringData)$"));
    }
    return new String(Sops.encrypt(fileName, plaintext.getBytes(StandardCharsets.UTF_8), format, options),
        StandardCharsets.UTF_8);
  }

  /** The file with one character of its first encrypted value's ciphertext changed. */
  static String tamperFirstValue(String sopsFile) {
    Matcher m = Pattern.compile("ENC\\[AES256_GCM,data:([A-Za-z0-9+/])").matcher(sopsFile);
    if (!m.find()) throw new IllegalArgumentException("no encrypted value");
    char c = m.group(1).charAt(0);
    char other = c == 'A' ? 'B' : 'A';
    return sopsFile.substring(0, m.start(1)) + other + sopsFile.substring(m.end(1));
  }
}
