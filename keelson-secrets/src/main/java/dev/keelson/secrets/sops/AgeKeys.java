package dev.keelson.secrets.sops;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.armor.ArmoredDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.armor.ArmoredEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** age X25519 wrapping of the data key (sops's {@code age} key type), done by jagged. */
final class AgeKeys {
  static final String IDENTITY_PREFIX = "AGE-SECRET-KEY-1";

  private AgeKeys() {}

  /**
   * The identities in a keys file: one per line, {@code #} comments and blank lines ignored.
   *
   * @param source where the text came from, for messages (never the text itself)
   */
  static List<RecipientStanzaReader> parseIdentities(String source, String text) throws SopsException {
    List<RecipientStanzaReader> out = new ArrayList<>();
    int lineNo = 0;
    for (String raw : text.split("\\R")) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      if (!line.toUpperCase(Locale.ROOT).startsWith(IDENTITY_PREFIX)) {
        String what = line.startsWith("AGE-PLUGIN-") ? "an age plugin identity, which Keelson does not support"
            : "not an age identity (AGE-SECRET-KEY-1...)";
        throw new SopsException(source, "line " + lineNo + " is " + what);
      }
      try {
        out.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(line.toUpperCase(Locale.ROOT)));
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new SopsException(source, "line " + lineNo + " is not a valid age identity (bad encoding or checksum)");
      }
    }
    return out;
  }

  /** The data key (or share) in an armored age file, or null when no identity opens it. */
  static byte[] unwrap(String armored, List<RecipientStanzaReader> identities) {
    if (identities.isEmpty()) return null;
    try {
      ReadableByteChannel in = Channels.newChannel(new ByteArrayInputStream(armored.strip().concat("\n").getBytes(StandardCharsets.US_ASCII)));
      try (ReadableByteChannel clear = new ArmoredDecryptingChannelFactory().newDecryptingChannel(in, identities)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (clear.read(buf) >= 0) {
          buf.flip();
          out.write(buf.array(), 0, buf.limit());
          buf.clear();
        }
        return out.toByteArray();
      }
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return null;
    }
  }

  static String wrap(byte[] dataKey, String recipient) throws SopsException {
    RecipientStanzaWriter writer;
    try {
      writer = X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new SopsException(recipient, "not a valid age X25519 recipient (age1...)");
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (WritableByteChannel ch = new ArmoredEncryptingChannelFactory().newEncryptingChannel(Channels.newChannel(out), List.of(writer))) {
        ch.write(ByteBuffer.wrap(dataKey));
      }
      String armored = out.toString(StandardCharsets.US_ASCII);
      return armored.endsWith("\n") ? armored : armored + "\n";
    } catch (GeneralSecurityException | IOException e) {
      throw new SopsException(recipient, "age encryption failed: " + e.getMessage());
    }
  }
}
