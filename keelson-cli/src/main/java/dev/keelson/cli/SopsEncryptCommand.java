package dev.keelson.cli;

import dev.keelson.secrets.sops.MacScope;
import dev.keelson.secrets.sops.Sops;
import dev.keelson.secrets.sops.SopsEncryptOptions;
import dev.keelson.secrets.sops.SopsException;
import dev.keelson.secrets.sops.SopsFormat;
import dev.keelson.secrets.sops.SopsKeyGroup;
import dev.keelson.secrets.sops.SopsKeySources;
import dev.keelson.secrets.sops.SopsSelector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keelson sops encrypt}: a fresh data key wrapped for each recipient, the file on standard output. */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
    description = {"Encrypt FILE for age recipients and OpenPGP keys and print the SOPS file.",
        "Every value is encrypted except under keys ending _unencrypted, unless a selector option says otherwise."})
final class SopsEncryptCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The clear file; its name gives the format.")
  Path file;

  @Option(names = "--age", paramLabel = "RECIPIENT", description = "An age recipient (age1...); repeatable.")
  List<String> age = new ArrayList<>();

  @Option(names = "--pgp", paramLabel = "FINGERPRINT", description = "An OpenPGP key, its public key taken from gpg (gpg --export); repeatable.")
  List<String> pgp = new ArrayList<>();

  @Option(names = "--pgp-public-key-file", paramLabel = "FILE", description = "An OpenPGP public key file (armored); repeatable.")
  List<Path> pgpFiles = new ArrayList<>();

  @ArgGroup(exclusive = true)
  Selector selector;

  static final class Selector {
    @Option(names = "--unencrypted-suffix", paramLabel = "SUFFIX", description = "Leave values under keys ending SUFFIX clear (default: _unencrypted).")
    String unencryptedSuffix;

    @Option(names = "--encrypted-suffix", paramLabel = "SUFFIX", description = "Encrypt only values under keys ending SUFFIX.")
    String encryptedSuffix;

    @Option(names = "--unencrypted-regex", paramLabel = "REGEX", description = "Leave values under keys matching REGEX clear.")
    String unencryptedRegex;

    @Option(names = "--encrypted-regex", paramLabel = "REGEX", description = "Encrypt only values under keys matching REGEX, e.g. ^(data|stringData)$.")
    String encryptedRegex;

    SopsSelector toSelector() {
      if (unencryptedSuffix != null) return SopsSelector.unencryptedSuffix(unencryptedSuffix);
      if (encryptedSuffix != null) return SopsSelector.encryptedSuffix(encryptedSuffix);
      if (unencryptedRegex != null) return SopsSelector.unencryptedRegex(unencryptedRegex);
      return SopsSelector.encryptedRegex(encryptedRegex);
    }
  }

  @Option(names = "--mac-only-encrypted", description = "The MAC covers encrypted values only, so clear values may be edited.")
  boolean macOnlyEncrypted;

  @Option(names = "--input-type", paramLabel = "TYPE", 
      description = "yaml, json, dotenv, ini or binary (default: from the file name).")
  String inputType;

  @Option(names = "--output-type", paramLabel = "TYPE", 
      description = "The encrypted file's format (default: the input's).")
  String outputType;

  @Override
  public Integer call() {
    try {
      if (age.isEmpty() && pgp.isEmpty() && pgpFiles.isEmpty()) {
        throw new SopsException(file.toString(), "no recipient: give --age, --pgp or --pgp-public-key-file");
      }
      List<byte[]> pgpKeys = new ArrayList<>();
      for (String fp : pgp) pgpKeys.add(SopsKeySources.gpgPublicKey(SopsCommand.environment, fp));
      for (Path p : pgpFiles) pgpKeys.add(readKey(p));
      SopsFormat in = inputType != null ? SopsCommand.format(inputType) : SopsFormat.ofFileName(file.getFileName().toString());
      SopsFormat out = outputType != null ? SopsCommand.format(outputType) : in;
      SopsEncryptOptions options;
      try {
        options = new SopsEncryptOptions(List.of(new SopsKeyGroup(age, pgpKeys)), 0,
            selector == null ? SopsSelector.defaults() : selector.toSelector(),
            macOnlyEncrypted ? MacScope.ENCRYPTED_ONLY : MacScope.ALL_VALUES, SopsEncryptOptions.SOPS_VERSION);
      } catch (IllegalArgumentException e) {
        throw new SopsException(file.toString(), e.getMessage());
      }
      return SopsCommand.print(Sops.encrypt(file.toString(), SopsCommand.read(file), in, out, options));
    } catch (SopsException e) {
      return SopsCommand.fail(e);
    }
  }

  private static byte[] readKey(Path p) throws SopsException {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new SopsException(p.toString(), "cannot be read: " + e.getMessage());
    }
  }
}
