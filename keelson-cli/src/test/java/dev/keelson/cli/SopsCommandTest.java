package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.cli.CliTest.Result;
import dev.keelson.secrets.sops.SopsKeySources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `keelson sops encrypt|decrypt` in process, with keys made by the real age-keygen and gpg; no cluster. */
class SopsCommandTest {
  @TempDir Path dir;
  Map<String, String> env;
  String recipient;
  Path ageKeys;

  static Path fixtures() {
    for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("shared/fixtures/sops"))) return d.resolve("shared/fixtures/sops");
    }
    throw new IllegalStateException("no shared/fixtures/sops next to an ancestor of the working directory");
  }

  static String sh(Map<String, String> env, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @BeforeEach
  void keys() throws Exception {
    Path gnupg = Files.createDirectories(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
    Path home = Files.createDirectories(dir.resolve("home"));
    env = new HashMap<>(Map.of("GNUPGHOME", gnupg.toString(), "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
    sh(env, "gpg", "--batch", "--import", fixtures().resolve("sops_functional_tests_key.asc").toString());
    ageKeys = Files.createDirectories(home.resolve(".config/sops/age")).resolve("keys.txt");
    sh(Map.of(), "age-keygen", "-o", ageKeys.toString());
    recipient = Files.readAllLines(ageKeys).stream().filter(l -> l.startsWith("# public key: ")).findFirst().orElseThrow().substring(14);
    SopsCommand.environment = new SopsKeySources.Environment(env, home);
  }

  @AfterEach
  void reset() throws Exception {
    SopsCommand.environment = SopsKeySources.Environment.system();
    // gpg leaves an agent running for the test's GNUPGHOME
    sh(env, "gpgconf", "--kill", "all");
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void encryptsForAgeAndGpgAndDecryptsWithTheUsersKeysWithNothingOnStandardError() throws Exception {
    Path clear = write("secret.yaml", "apiVersion: v1\nkind: Secret\nstringData:\n    password: hunter2\n");
    Result enc = CliTest.run("sops", "encrypt", "--age", recipient, "--pgp", "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4",
        "--encrypted-regex", "^(data|stringData)$", clear.toString());
    assertThat(enc.code()).as(enc.err()).isZero();
    assertThat(enc.err()).isEmpty();
    assertThat(enc.out()).contains("kind: Secret\n", "password: ENC[AES256_GCM,", "recipient: " + recipient,
        "fp: FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4").doesNotContain("hunter2");
    Path sealed = write("secret.enc.yaml", enc.out());

    // age identity from ~/.config/sops/age/keys.txt
    Result dec = CliTest.run("sops", "decrypt", sealed.toString());
    assertThat(dec.code()).as(dec.err()).isZero();
    assertThat(dec.err()).isEmpty();
    assertThat(dec.out()).isEqualTo("apiVersion: v1\nkind: Secret\nstringData:\n    password: hunter2\n");

    // without the age key, the OpenPGP secret key comes from gpg
    Files.delete(ageKeys);
    Result viaGpg = CliTest.run("sops", "decrypt", "--output-type", "json", sealed.toString());
    assertThat(viaGpg.code()).as(viaGpg.err()).isZero();
    assertThat(viaGpg.out()).isEqualTo("{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Secret\",\n\t\"stringData\": {\n\t\t\"password\": \"hunter2\"\n\t}\n}\n");
  }

  @Test
  void decryptsSopsOwnFixtureWithTheKeyInGpg() {
    Result r = CliTest.run("sops", "decrypt", fixtures().resolve("example.yaml").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("password: c4r1b0u\n", "# private key for secret operations in app2\n");
  }

  @Test
  void sopsAgeKeyFileSopsAgeKeyAndKeyFileOptionAreUsedAndDotenvRoundTrips() throws Exception {
    Path moved = Files.move(ageKeys, dir.resolve("moved.txt"));
    env.put("SOPS_AGE_KEY_FILE", moved.toString());
    SopsCommand.environment = new SopsKeySources.Environment(env, dir.resolve("home"));
    Path clear = write("app.env", "USER=admin\nPASSWORD=hunter2\n");
    Result enc = CliTest.run("sops", "encrypt", "--age", recipient, clear.toString());
    assertThat(enc.code()).as(enc.err()).isZero();
    Path sealed = write("app.enc.env", enc.out());
    Result dec = CliTest.run("sops", "decrypt", sealed.toString());
    assertThat(dec.out()).isEqualTo("USER=admin\nPASSWORD=hunter2\n");

    env.remove("SOPS_AGE_KEY_FILE");
    env.put("SOPS_AGE_KEY", Files.readString(moved));
    SopsCommand.environment = new SopsKeySources.Environment(env, dir.resolve("home"));
    Result inline = CliTest.run("sops", "decrypt", sealed.toString());
    assertThat(inline.code()).as(inline.err()).isZero();
    assertThat(inline.out()).isEqualTo("USER=admin\nPASSWORD=hunter2\n");

    env.remove("SOPS_AGE_KEY");
    SopsCommand.environment = new SopsKeySources.Environment(env, dir.resolve("home"));
    Result explicit = CliTest.run("sops", "decrypt", "--key-file", moved.toString(), sealed.toString());
    assertThat(explicit.code()).as(explicit.err()).isZero();
    assertThat(explicit.out()).isEqualTo("USER=admin\nPASSWORD=hunter2\n");
  }

  @Test
  void binaryFilesComeBackByteForByte() throws Exception {
    byte[] bin = new byte[256];
    for (int i = 0; i < bin.length; i++) bin[i] = (byte) i;
    Path clear = Files.write(dir.resolve("blob.bin"), bin);
    Result enc = CliTest.run("sops", "encrypt", "--age", recipient, clear.toString());
    assertThat(enc.code()).as(enc.err()).isZero();
    Path sealed = write("blob.enc.bin", enc.out());
    // the in-process runner decodes standard output as UTF-8, so compare through the library
    byte[] out = dev.keelson.secrets.sops.Sops.decrypt("blob", Files.readAllBytes(sealed), dev.keelson.secrets.sops.SopsFormat.BINARY,
        dev.keelson.secrets.sops.SopsKeys.ageIdentities("k", Files.readString(ageKeys)));
    assertThat(out).isEqualTo(bin);
  }

  @Test
  void errorsAreOneLineOnStandardErrorWithANonZeroExit() throws Exception {
    Path clear = write("s.yaml", "password: hunter2\n");
    Result noRecipient = CliTest.run("sops", "encrypt", clear.toString());
    assertThat(noRecipient.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(noRecipient.out()).isEmpty();
    assertThat(noRecipient.err()).isEqualTo("error: " + clear + ": no recipient: give --age, --pgp or --pgp-public-key-file\n");

    Result unknownPgp = CliTest.run("sops", "encrypt", "--pgp", "0000000000000000000000000000000000000000", clear.toString());
    assertThat(unknownPgp.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(unknownPgp.err()).startsWith("error: 0000000000000000000000000000000000000000: gpg has no public key for this fingerprint").hasLineCount(1);

    Result notSops = CliTest.run("sops", "decrypt", clear.toString());
    assertThat(notSops.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(notSops.err()).isEqualTo("error: " + clear + ": is not encrypted with sops (no sops metadata)\n");

    Result enc = CliTest.run("sops", "encrypt", "--age", recipient, clear.toString());
    Path tampered = write("t.yaml", enc.out().replace("password: ENC[AES256_GCM,data:", "password: ENC[AES256_GCM,data:AA"));
    Result bad = CliTest.run("sops", "decrypt", tampered.toString());
    assertThat(bad.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err()).startsWith("error: " + tampered + ": the value at 'password'").hasLineCount(1).doesNotContain("hunter2");

    Files.delete(ageKeys);
    Result noKey = CliTest.run("sops", "decrypt", write("e.yaml", enc.out()).toString());
    assertThat(noKey.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(noKey.err()).contains("no decryption key was given").contains(recipient).hasLineCount(1);

    Result missing = CliTest.run("sops", "decrypt", dir.resolve("nope.yaml").toString());
    assertThat(missing.err()).isEqualTo("error: " + dir.resolve("nope.yaml") + ": no such file\n");

    Result badType = CliTest.run("sops", "decrypt", "--input-type", "toml", clear.toString());
    assertThat(badType.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(badType.err()).isEqualTo("error: toml: is not a file type; use yaml, json, dotenv, ini or binary\n");
    assertThat(List.of(noRecipient, unknownPgp, notSops, bad, noKey, missing)).allSatisfy(r -> assertThat(r.err()).doesNotContain("Exception"));
  }
}
