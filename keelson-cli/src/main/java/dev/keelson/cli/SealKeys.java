package dev.keelson.cli;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.secrets.sealed.KeySecrets;
import dev.keelson.secrets.sealed.Pem;
import dev.keelson.secrets.sealed.SealedSecretException;
import dev.keelson.secrets.sealed.SealingKey;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private keys for --re-encrypt and --recovery-unseal: from the cluster's key Secrets, or from
 * recovery files (PEM keys, PKCS#1 or PKCS#8, several per file; or a key backup as
 * {@code kubectl get secret -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml} writes it).
 */
final class SealKeys {
  private static final Pattern PEM_KEY = Pattern.compile(
      "-----BEGIN (RSA )?PRIVATE KEY-----.*?-----END (RSA )?PRIVATE KEY-----", Pattern.DOTALL);

  private SealKeys() {}

  static List<SealingKey> fromCluster(KubernetesClient client, String namespace) throws SealedSecretException {
    List<SealingKey> keys = new ArrayList<>();
    for (Secret s : client.secrets().inNamespace(namespace).withLabel(SealedSecret.KEY_LABEL, SealedSecret.KEY_ACTIVE)
        .list().getItems()) {
      keys.add(KeySecrets.fromSecret(s));
    }
    if (keys.isEmpty()) throw new SealedSecretException("no sealing key Secrets in namespace " + namespace);
    return keys.stream().sorted(SealingKey.BY_AGE).toList();
  }

  static List<RSAPrivateKey> fromFiles(List<Path> files) throws IOException, SealedSecretException {
    List<RSAPrivateKey> keys = new ArrayList<>();
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Matcher m = PEM_KEY.matcher(text);
      int found = 0;
      while (m.find()) {
        keys.add(Pem.parsePrivateKey(m.group(), file.toString()));
        found++;
      }
      if (found == 0) found += fromBackup(text, file, keys);
      if (found == 0) throw new SealedSecretException(file + ": no private key (PEM, or a YAML backup of the key Secrets)");
    }
    return keys;
  }

  private static int fromBackup(String text, Path file, List<RSAPrivateKey> keys) throws SealedSecretException {
    KubernetesSerialization json = new KubernetesSerialization();
    List<Secret> secrets = new ArrayList<>();
    try {
      for (String doc : SealDocuments.split(text)) {
        if (doc.isBlank()) continue;
        Object o = json.unmarshal(doc);
        if (o instanceof KubernetesList list) {
          list.getItems().stream().filter(Secret.class::isInstance).map(Secret.class::cast).forEach(secrets::add);
        } else if (o instanceof Secret s) {
          secrets.add(s);
        }
      }
    } catch (RuntimeException e) {
      throw new SealedSecretException(file + ": neither PEM nor Kubernetes YAML/JSON");
    }
    for (Secret s : secrets) {
      String b64 = s.getData() == null ? null : s.getData().get("tls.key");
      if (b64 == null) continue;
      keys.add(Pem.parsePrivateKey(new String(Base64.getDecoder().decode(b64), StandardCharsets.US_ASCII), file.toString()));
    }
    return (int) secrets.stream().filter(s -> s.getData() != null && s.getData().containsKey("tls.key")).count();
  }
}
