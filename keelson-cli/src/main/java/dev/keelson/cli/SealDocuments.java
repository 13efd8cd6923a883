package dev.keelson.cli;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multi-document YAML (and JSON) as `keelson seal` reads and rewrites it: split on {@code ---}
 * lines with the separators kept, so a file can be written back with only its sealed values
 * changed (comments, order and other documents stay as they were).
 */
final class SealDocuments {
  private static final Pattern SEPARATOR = Pattern.compile("(?m)^---[^\\n]*(\\n|$)");
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  private SealDocuments() {}

  /** The documents, without separators. */
  static List<String> split(String text) {
    List<String> docs = new ArrayList<>();
    for (String[] part : parts(text)) docs.add(part[0]);
    return docs;
  }

  /** Each document with the separator that follows it ("" for the last). */
  static List<String[]> parts(String text) {
    List<String[]> out = new ArrayList<>();
    Matcher m = SEPARATOR.matcher(text);
    int at = 0;
    while (m.find()) {
      out.add(new String[] {text.substring(at, m.start()), m.group()});
      at = m.end();
    }
    out.add(new String[] {text.substring(at), ""});
    return out;
  }

  /** Whether a document is a bitnami.com/v1alpha1 SealedSecret. */
  static boolean isSealedSecret(String doc) {
    if (doc.isBlank() || !doc.contains("SealedSecret")) return false;
    try {
      Map<?, ?> m = JSON.unmarshal(doc, Map.class);
      return m != null && SealedSecret.KIND.equals(m.get("kind")) && SealedSecret.API_VERSION.equals(m.get("apiVersion"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  static SealedSecret sealedSecret(String doc) {
    return JSON.unmarshal(doc, SealedSecret.class);
  }
}
