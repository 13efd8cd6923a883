package dev.keelson.cli;

import dev.keelson.secrets.sops.Sops;
import dev.keelson.secrets.sops.SopsException;
import dev.keelson.secrets.sops.SopsFormat;
import dev.keelson.secrets.sops.SopsKeySources;
import dev.keelson.secrets.sops.SopsKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keelson sops decrypt}: the clear file on standard output, after the MAC is verified. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
    description = {"Decrypt a SOPS FILE and print it in clear; the MAC is verified first.",
        "age identities come from SOPS_AGE_KEY, SOPS_AGE_KEY_FILE and ~/.config/sops/age/keys.txt;"
            + " OpenPGP secret keys from gpg, for the fingerprints the file lists."})
final class SopsDecryptCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The SOPS file; its name gives the format.")
  Path file;

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "An age keys file or an armored OpenPGP secret key (unprotected), in addition to the usual places; repeatable.")
  List<Path> keyFiles = new ArrayList<>();

  @Option(names = "--input-type", paramLabel = "TYPE", 
      description = "yaml, json, dotenv, ini or binary (default: from the file name).")
  String inputType;

  @Option(names = "--output-type", paramLabel = "TYPE", 
      description = "The clear file's format (default: the input's).")
  String outputType;

  @Override
  public Integer call() {
    try {
      SopsFormat in = inputType != null ? SopsCommand.format(inputType) : SopsFormat.ofFileName(file.getFileName().toString());
      SopsFormat out = outputType != null ? SopsCommand.format(outputType) : in;
      byte[] content = SopsCommand.read(file);
      SopsKeys keys = SopsKeySources.ageIdentities(SopsCommand.environment);
      for (Path p : keyFiles) keys = keys.and(SopsKeySources.keyFile(p));
      List<String> fingerprints = new ArrayList<>(Sops.pgpFingerprints(file.toString(), content, in));
      fingerprints.removeAll(keys.pgpFingerprints());
      keys = keys.and(SopsKeySources.gpgSecretKeys(SopsCommand.environment, fingerprints));
      return SopsCommand.print(Sops.decrypt(file.toString(), content, in, out, keys));
    } catch (SopsException e) {
      return SopsCommand.fail(e);
    }
  }
}
