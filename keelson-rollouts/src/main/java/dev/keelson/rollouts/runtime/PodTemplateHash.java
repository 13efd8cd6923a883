package dev.keelson.rollouts.runtime;

import dev.keelson.api.rollouts.v1alpha1.Rollout;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.TreeMap;

/**
 * The pod template's hash: names the ReplicaSet ({@code <rollout>-<hash>}) and labels its pods.
 * Computed over the template without the hash label itself, in the alphabet Kubernetes uses for
 * generated names (no vowels, so no words), so the same template always gives the same name.
 */
final class PodTemplateHash {
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final int LENGTH = 10;
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private PodTemplateHash() {}

  static String of(PodTemplateSpec template) {
    PodTemplateSpec copy = JSON.clone(template);
    if (copy.getMetadata() != null) {
      // sorted, so that the same labels in another order give the same hash
      if (copy.getMetadata().getLabels() != null) {
        var labels = new TreeMap<>(copy.getMetadata().getLabels());
        labels.remove(Rollout.POD_TEMPLATE_HASH_LABEL);
        copy.getMetadata().setLabels(labels);
      }
      if (copy.getMetadata().getAnnotations() != null) {
        copy.getMetadata().setAnnotations(new TreeMap<>(copy.getMetadata().getAnnotations()));
      }
    }
    byte[] digest = sha256(JSON.asJson(copy));
    StringBuilder out = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      out.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
    }
    return out.toString();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
