package dev.keelson.controller.engine;

import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.app.DecryptionSettings;
import dev.keelson.controller.app.PostBuildSettings.VariableRef;
import dev.keelson.secrets.sops.Sops;
import dev.keelson.secrets.sops.SopsException;
import dev.keelson.secrets.sops.SopsFormat;
import dev.keelson.secrets.sops.SopsKeys;
import dev.keelson.core.model.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Step 1b of the flow: SOPS files of the source opened before anything reads them, so that plain
 * manifests, the files a Kustomize secretGenerator reads and a chart's value files all see clear
 * content, as Flux's kustomize-controller and helm-secrets give them. The clear files live only in
 * memory and in the renderer's owner-only temporary directory, which is deleted after each render.
 *
 * <p>A file under the app's own path must open: one that does not fails the revision, naming it,
 * and nothing of that revision is applied. A file elsewhere in the repository (read because a
 * kustomization or a chart may reach it) may belong to another app with other keys; it is opened
 * when it can be, and otherwise left as it is and remembered, so that {@link #check} fails the
 * revision if the render used it after all.
 */
public final class Decryptor {

  /** Every SOPS file says so in plain text; a file without it is never parsed. */
  private static final byte[] MARKER = "sops".getBytes(StandardCharsets.US_ASCII);
  /** What every encrypted value of a SOPS file starts with. */
  private static final String ENCRYPTED_VALUE = "ENC[AES256_GCM,";

  private final VariableSource objects;

  /**
   * The files with what could be opened opened.
   *
   * @param files keyed as given
   * @param unopened encrypted files left as they are (outside the app's path), each with why
   */
  public record Opened(Map<String, byte[]> files, Map<String, String> unopened) {}

  public Decryptor(VariableSource objects) {
    this.objects = objects;
  }

  /**
   * Opens every SOPS file of {@code files}.
   *
   * @param ownPath whether a file key lies under the app's own path (must open)
   * @param revision the commit, named in messages
   * @throws ReconcileFailure {@link FailureReason#DecryptionFailed} naming the file and the cause
   */
  public Opened open(AppSettings app, Map<String, byte[]> files, Predicate<String> ownPath, String revision)
      throws ReconcileFailure {
    Map<String, byte[]> out = null;
    Map<String, String> unopened = new TreeMap<>();
    Keys keys = new Keys(app, revision);
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      byte[] content = e.getValue();
      if (!contains(content, MARKER)) continue;
      SopsFormat format = SopsFormat.ofFileName(e.getKey());
      if (!Sops.isEncrypted(content, format)) continue;
      byte[] clear;
      try {
        clear = Sops.decrypt(e.getKey(), content, format, keys.get(e.getKey()));
      } catch (SopsException ex) {
        if (ownPath.test(e.getKey())) {
          throw new ReconcileFailure(FailureReason.DecryptionFailed, at(revision) + ex.getMessage());
        }
        unopened.put(e.getKey(), ex.getMessage());
        continue;
      } catch (ReconcileFailure f) {
        if (ownPath.test(e.getKey()) || f.isTransient()) throw f;
        unopened.put(e.getKey(), f.getMessage());
        continue;
      }
      if (out == null) out = new LinkedHashMap<>(files);
      out.put(e.getKey(), clear);
    }
    return new Opened(out == null ? files : out, unopened);
  }

  /**
   * Fails the revision when a rendered object still carries SOPS content (an encrypted document,
   * encrypted values, or a Secret value holding either): a file the app could not open was used.
   */
  public void check(List<Manifest> rendered, Opened opened, String revision) throws ReconcileFailure {
    for (Manifest m : rendered) {
      if (carriesSops(m)) {
        String why = opened.unopened().isEmpty()
            ? "the Application has no spec.decryption, or the file is not SOPS-encrypted as a whole"
            : "files that could not be opened: " + String.join("; ", opened.unopened().values());
        throw new ReconcileFailure(FailureReason.DecryptionFailed, at(revision) + m.key() + " (from "
            + m.origin() + ") carries SOPS-encrypted content; " + why);
      }
    }
  }

  private static boolean carriesSops(Manifest m) {
    if (m.body().containsKey("sops")) return true;
    if ("Secret".equals(m.kind()) && m.body().get("data") instanceof Map<?, ?> data) {
      for (Object v : data.values()) {
        if (v instanceof String b64 && decodedCarriesSops(b64)) return true;
      }
    }
    return containsEncryptedValue(m.body());
  }

  private static boolean decodedCarriesSops(String b64) {
    try {
      String text = new String(Base64.getMimeDecoder().decode(b64), StandardCharsets.UTF_8);
      return text.contains(ENCRYPTED_VALUE);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  private static boolean containsEncryptedValue(Object node) {
    if (node instanceof String s) return s.contains(ENCRYPTED_VALUE);
    if (node instanceof Map<?, ?> map) {
      for (Object v : map.values()) if (containsEncryptedValue(v)) return true;
    } else if (node instanceof List<?> list) {
      for (Object v : list) if (containsEncryptedValue(v)) return true;
    }
    return false;
  }

  /** The app's keys, read once and only when a file needs them. */
  private final class Keys {
    private final AppSettings app;
    private final String revision;
    private SopsKeys keys;

    Keys(AppSettings app, String revision) {
      this.app = app;
      this.revision = revision;
    }

    SopsKeys get(String file) throws ReconcileFailure {
      if (keys == null) keys = keys(app, file, revision);
      return keys;
    }
  }

  private SopsKeys keys(AppSettings app, String file, String revision) throws ReconcileFailure {
    DecryptionSettings d = app.decryption();
    String at = at(revision) + file + ": ";
    if (d == null) {
      throw new ReconcileFailure(FailureReason.DecryptionFailed,
          at + "encrypted with SOPS, and the Application has no spec.decryption");
    }
    if (d.secretName() == null) {
      throw new ReconcileFailure(FailureReason.DecryptionFailed,
          at + "encrypted with SOPS, and spec.decryption has no secretRef holding a key");
    }
    VariableRef ref = new VariableRef(VariableRef.Kind.Secret, d.secretName(), false);
    Optional<Map<String, String>> data = objects.read(app.ref().namespace(), ref, "spec.decryption.secretRef",
        FailureReason.DecryptionFailed);
    if (data.isEmpty()) {
      // It may yet be created: try again at the next interval.
      throw new ReconcileFailure(FailureReason.DecryptionFailed,
          "spec.decryption.secretRef: Secret " + app.ref().namespace() + "/" + d.secretName() + " not found", true);
    }
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    data.get().forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    try {
      return SopsKeys.fromSecretData(bytes);
    } catch (SopsException ex) {
      throw new ReconcileFailure(FailureReason.DecryptionFailed, "spec.decryption.secretRef: " + ex.getMessage());
    }
  }

  private static String at(String revision) {
    return "revision " + shortSha(revision) + ": ";
  }

  private static boolean contains(byte[] content, byte[] marker) {
    outer:
    for (int i = 0; i <= content.length - marker.length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (content[i + j] != marker[j]) continue outer;
      }
      return true;
    }
    return false;
  }

  private static String shortSha(String sha) {
    return sha != null && sha.length() > 12 ? sha.substring(0, 12) : String.valueOf(sha);
  }
}
