package dev.keelson.cli;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.secrets.sealed.Resealer;
import dev.keelson.secrets.sealed.SealedSecretException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * --re-encrypt over files: each SealedSecret document gets its blobs replaced by ones sealed with
 * the newest key, in the text itself, so comments, key order and other documents are untouched.
 * A blob not found verbatim (a folded line) makes that document be written out anew.
 */
final class ReEncryption {
  private final Resealer resealer;
  private int count;

  ReEncryption(List<RSAPrivateKey> keys, RSAPublicKey newest) {
    this.resealer = new Resealer(keys, newest);
  }

  /** YAML and JSON files under a directory (or the file itself), in a stable order. */
  static List<Path> files(Path path) throws IOException {
    if (!Files.isDirectory(path)) return List.of(path);
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml") || p.toString().endsWith(".json"))
          .sorted().toList();
    }
  }

  String rewrite(String source, String text) throws SealedSecretException {
    StringBuilder out = new StringBuilder();
    for (String[] part : SealDocuments.parts(text)) {
      out.append(rewriteDocument(source, part[0])).append(part[1]);
    }
    return out.toString();
  }

  private String rewriteDocument(String source, String doc) throws SealedSecretException {
    if (!SealDocuments.isSealedSecret(doc)) return doc;
    SealedSecret sealed = SealDocuments.sealedSecret(doc);
    Map<String, String> replaced;
    try {
      replaced = resealer.reseal(sealed);
    } catch (SealedSecretException e) {
      throw new SealedSecretException(source + ": " + e.getMessage());
    }
    count++;
    String out = doc;
    for (var e : replaced.entrySet()) {
      if (!out.contains(e.getKey())) {
        sealed.getSpec().encryptedData.replaceAll((k, v) -> replaced.getOrDefault(v, v));
        String format = doc.stripLeading().startsWith("{") ? "json" : "yaml";
        return SealCommand.render(sealed, format);
      }
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  int count() {
    return count;
  }
}
