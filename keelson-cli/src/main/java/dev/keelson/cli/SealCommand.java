package dev.keelson.cli;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.controller.sealed.SealedSecretsOptions;
import dev.keelson.secrets.sealed.Pem;
import dev.keelson.secrets.sealed.SealedSecretException;
import dev.keelson.secrets.sealed.Sealer;
import dev.keelson.secrets.sealed.SealingKey;
import dev.keelson.secrets.sealed.SealingScope;
import dev.keelson.secrets.sealed.Unsealer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * kubeseal, with its flags: Secrets into SealedSecrets for Keelson's (or the upstream) controller,
 * plus rotation (--re-encrypt) and offline disaster recovery (--recovery-unseal). Nothing it
 * prints or reports carries a clear value, except the Secrets --recovery-unseal is asked for.
 */
@Command(name = "seal", mixinStandardHelpOptions = true,
    description = {
      "Seal a Secret (YAML or JSON, on stdin or --from-file) into a SealedSecret, as kubeseal does.",
      "The certificate comes from --cert, or from the cluster (ConfigMap sealed-secrets-cert in --controller-namespace)."})
final class SealCommand implements Callable<Integer> {
  @Mixin KubeOptions kube;

  @Option(names = "--cert", paramLabel = "FILE|URL", description = "Certificate to seal with (PEM file or http(s) URL).")
  String cert;

  @Option(names = "--fetch-cert", description = "Print the controller's current certificate and exit.")
  boolean fetchCert;

  @Option(names = "--scope", paramLabel = "SCOPE",
      description = "strict (default), namespace-wide or cluster-wide; without it the Secret's scope annotations decide.")
  String scope;

  @Option(names = {"-o", "--format"}, defaultValue = "json", paramLabel = "FORMAT",
      description = "Output format: json or yaml (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--raw", description = "Seal one value (stdin or --from-file) for --name/--namespace; print its base64 blob.")
  boolean raw;

  @Option(names = "--name", description = "Name the value is sealed for (--raw).")
  String name;

  @Option(names = {"-n", "--namespace"}, description = "Namespace to seal for (default: the Secret's, then the kubeconfig's).")
  String namespace;

  @Option(names = "--from-file", paramLabel = "PATH",
      description = "Read from this file instead of stdin; with --re-encrypt or --recovery-unseal a file or directory.")
  Path fromFile;

  @Option(names = "--merge-into", paramLabel = "FILE",
      description = "Seal the Secret's keys into this existing SealedSecret file, in place.")
  Path mergeInto;

  @Option(names = "--re-encrypt",
      description = "Re-encrypt every SealedSecret (--from-file file or directory, in place; or stdin to stdout) to the newest key."
          + " Needs the cluster's keys, or --recovery-private-key.")
  boolean reEncrypt;

  @Option(names = "--recovery-unseal", description = "Offline: open SealedSecrets with --recovery-private-key and print the Secrets.")
  boolean recoveryUnseal;

  @Option(names = "--recovery-private-key", split = ",", paramLabel = "FILE",
      description = "Private key file (PEM, or a YAML backup of the key Secrets); repeatable or comma-separated.")
  List<Path> recoveryKeys = new ArrayList<>();

  @Option(names = "--controller-namespace", defaultValue = SealedSecretsOptions.DEFAULT_KEY_NAMESPACE, paramLabel = "NS",
      description = "Namespace of the controller's keys and certificate (default: ${DEFAULT-VALUE}).")
  String controllerNamespace;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("json") && !format.equals("yaml")) throw new IllegalArgumentException("--format must be json or yaml");
    if (fetchCert) {
      System.out.print(certificatePem());
      return ExitCodes.OK;
    }
    if (recoveryUnseal) return recoveryUnseal();
    if (reEncrypt) return reEncrypt();
    if (raw) return raw();
    if (mergeInto != null) return mergeInto();
    Secret secret = readSecret();
    SealingScope s = scopeFor(secret);
    resolveNamespace(secret, s);
    print(new Sealer(publicKey()).seal(secret, s));
    return ExitCodes.OK;
  }

  private int raw() throws Exception {
    SealingScope s = SealingScope.parse(scope);
    String ns = s == SealingScope.CLUSTER_WIDE ? namespace : (namespace != null ? namespace : kubeconfigNamespace());
    byte[] value = fromFile != null ? Files.readAllBytes(fromFile) : System.in.readAllBytes();
    System.out.print(new Sealer(publicKey()).sealRaw(value, ns, name, s));
    System.out.flush();
    return ExitCodes.OK;
  }

  /** kubeseal --merge-into: sealed for the existing SealedSecret's namespace, name and scope. */
  private int mergeInto() throws Exception {
    String text = Files.readString(mergeInto, StandardCharsets.UTF_8);
    SealedSecret target = SealDocuments.sealedSecret(text);
    Secret secret = readSecret();
    secret.getMetadata().setName(target.getMetadata().getName());
    secret.getMetadata().setNamespace(target.getMetadata().getNamespace());
    SealingScope s = scope != null ? SealingScope.parse(scope) : SealingScope.ofAnnotations(target.getMetadata().getAnnotations());
    SealedSecret update = new Sealer(publicKey()).seal(secret, s);
    var merged = new LinkedHashMap<>(target.getSpec().encryptedData == null ? java.util.Map.of() : target.getSpec().encryptedData);
    merged.putAll(update.getSpec().encryptedData);
    target.getSpec().encryptedData = merged;
    boolean json = text.stripLeading().startsWith("{");
    Files.writeString(mergeInto, render(target, json ? "json" : "yaml"), StandardCharsets.UTF_8);
    return ExitCodes.OK;
  }

  private int reEncrypt() throws Exception {
    List<RSAPrivateKey> keys;
    RSAPublicKey newest;
    if (!recoveryKeys.isEmpty()) {
      keys = SealKeys.fromFiles(recoveryKeys);
      newest = publicKey();
    } else {
      try (KubernetesClient client = kube.client()) {
        List<SealingKey> cluster = SealKeys.fromCluster(client, controllerNamespace);
        keys = cluster.stream().map(SealingKey::privateKey).toList();
        newest = cert != null ? Pem.parsePublicKey(SealCertificate.fromFileOrUrl(cert), cert) : cluster.get(cluster.size() - 1).publicKey();
      }
    }
    ReEncryption job = new ReEncryption(keys, newest);
    if (fromFile == null) {
      String out = job.rewrite("stdin", new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
      System.out.print(out);
      return ExitCodes.OK;
    }
    int files = 0;
    for (Path file : ReEncryption.files(fromFile)) {
      String before = Files.readString(file, StandardCharsets.UTF_8);
      String after = job.rewrite(file.toString(), before);
      if (!after.equals(before)) {
        Files.writeString(file, after, StandardCharsets.UTF_8);
        files++;
      }
    }
    System.err.println("re-encrypted " + job.count() + " SealedSecret(s) in " + files + " file(s)");
    return ExitCodes.OK;
  }

  private int recoveryUnseal() throws Exception {
    if (recoveryKeys.isEmpty()) throw new IllegalArgumentException("--recovery-unseal needs --recovery-private-key");
    Unsealer unsealer = new Unsealer(SealKeys.fromFiles(recoveryKeys));
    List<String> texts = new ArrayList<>();
    if (fromFile == null) texts.add(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
    else for (Path f : ReEncryption.files(fromFile)) texts.add(Files.readString(f, StandardCharsets.UTF_8));
    List<Secret> secrets = new ArrayList<>();
    for (String text : texts) {
      for (String doc : SealDocuments.split(text)) {
        if (!SealDocuments.isSealedSecret(doc)) continue;
        SealedSecret sealed = SealDocuments.sealedSecret(doc);
        Secret secret = unsealer.unseal(sealed);
        // the SealedSecret's uid is unknown offline: a reference without it would be refused
        secret.getMetadata().setOwnerReferences(null);
        secrets.add(secret);
      }
    }
    if (secrets.isEmpty()) throw new SealedSecretException("no SealedSecret in the input");
    for (int i = 0; i < secrets.size(); i++) {
      if (i > 0 && format.equals("yaml")) System.out.println("---");
      System.out.print(render(secrets.get(i), format));
    }
    return ExitCodes.OK;
  }

  private Secret readSecret() throws IOException {
    String text = fromFile != null ? Files.readString(fromFile, StandardCharsets.UTF_8)
        : new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    Object o = SealDocuments.JSON.unmarshal(text);
    if (!(o instanceof Secret secret)) throw new IllegalArgumentException("the input is not a v1 Secret");
    return secret;
  }

  /** kubeseal's rule: --scope if given, else the Secret's own scope annotations. */
  private SealingScope scopeFor(Secret secret) {
    return scope != null ? SealingScope.parse(scope) : SealingScope.ofAnnotations(secret.getMetadata().getAnnotations());
  }

  private void resolveNamespace(Secret secret, SealingScope s) throws IOException {
    if (namespace != null) secret.getMetadata().setNamespace(namespace);
    else if (s != SealingScope.CLUSTER_WIDE && isBlank(secret.getMetadata().getNamespace())) {
      secret.getMetadata().setNamespace(kubeconfigNamespace());
    }
  }

  private String kubeconfigNamespace() throws IOException {
    try (KubernetesClient client = kube.client()) {
      return kube.defaultNamespace(client);
    }
  }

  private RSAPublicKey publicKey() throws Exception {
    return Pem.parsePublicKey(certificatePem(), cert != null ? cert : "the published certificate");
  }

  private String certificatePem() throws IOException {
    if (cert != null) return SealCertificate.fromFileOrUrl(cert);
    try (KubernetesClient client = kube.client()) {
      return SealCertificate.fromCluster(client, controllerNamespace);
    }
  }

  private void print(Object o) {
    System.out.print(render(o, format));
  }

  static String render(Object o, String format) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    Output.print(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8), format, o);
    String s = buf.toString(StandardCharsets.UTF_8);
    return s.startsWith("---\n") ? s.substring(4) : s;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
