package dev.keelson.cli;

import dev.keelson.secrets.sops.SopsException;
import dev.keelson.secrets.sops.SopsFormat;
import dev.keelson.secrets.sops.SopsKeySources;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code keelson sops}: encrypt and decrypt SOPS files as sops does, with age and OpenPGP keys, so
 * that a repository's secrets can be written and checked without installing sops.
 */
@Command(name = "sops", mixinStandardHelpOptions = true,
    description = "Encrypt or decrypt a SOPS file (YAML, JSON, dotenv, INI or binary), byte-compatible with sops 3.x.",
    subcommands = {SopsEncryptCommand.class, SopsDecryptCommand.class})
final class SopsCommand {
  /** Where keys are looked up; the system's unless a test gives its own. */
  static SopsKeySources.Environment environment = SopsKeySources.Environment.system();

  private SopsCommand() {}

  /**
   * {@code yaml}, {@code json}, {@code dotenv}, {@code ini}, {@code binary}. Parsed here rather than
   * by a picocli converter so that a wrong type is one line on standard error, like every other error.
   */
  static SopsFormat format(String value) throws SopsException {
    try {
      return SopsFormat.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SopsException(value, "is not a file type; use yaml, json, dotenv, ini or binary");
    }
  }

  static byte[] read(Path file) throws SopsException {
    try {
      if (Files.size(file) > dev.keelson.secrets.sops.Sops.MAX_FILE_BYTES) {
        throw new SopsException(file.toString(), "is " + Files.size(file) + " bytes; SOPS files over 5 MiB are refused");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SopsException(file.toString(), "no such file");
    } catch (IOException e) {
      throw new SopsException(file.toString(), "cannot be read: " + e.getMessage());
    }
  }

  /** The result goes to standard output as bytes: a binary file's content is not text. */
  static int print(byte[] out) {
    PrintStream stdout = System.out;
    stdout.write(out, 0, out.length);
    stdout.flush();
    return ExitCodes.OK;
  }

  static int fail(SopsException e) {
    System.err.println("error: " + e.getMessage().replace('\n', ' '));
    return ExitCodes.ERROR;
  }
}
