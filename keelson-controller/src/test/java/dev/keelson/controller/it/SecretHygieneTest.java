package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.controller.sealed.PublishedCertificate;
import dev.keelson.secrets.sealed.Pem;
import dev.keelson.secrets.sealed.Sealer;
import dev.keelson.secrets.sealed.SealingScope;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs the secret scenarios, then searches everything the controller wrote for the clear values:
 * its log (every Keelson logger at trace level and the operator SDK's at debug, written to a file by this test's own surefire
 * execution, see the pom), every Application status, every Event, the metrics, and the diff that
 * {@code keelson app diff} prints.
 */
class SecretHygieneTest extends ControllerTestBase {

  private final List<String> clearValues = new ArrayList<>();

  private String clear(String value) {
    clearValues.add(value);
    return value;
  }

  private static String app(String name, String ns, String repoUrl, String path) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: %s, namespace: %s}
        spec:
          interval: 2s
          source: {repoURL: %s, path: %s}
          destination: {namespace: %s}
          decryption: {provider: sops, secretRef: {name: sops-keys}}
          syncPolicy: {automated: {prune: true}}
        """.formatted(name, ns, repoUrl, path, ns);
  }

  @Test
  @DisplayName("no clear secret value in logs, statuses, Events, metrics or diffs")
  void noClearValueAnywhere() throws Exception {
    String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
    assertThat(logFile).as("the controller's log goes to a file in this execution").isNotBlank();
    // notifications: a Provider whose address, HMAC key and headers come from its Secret, sending to a
    // receiver that fails at first (retries are logged) and to one that is not there (failures are logged)
    HookServer hook = new HookServer(500, 500);
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("hook").endMetadata()
        .withStringData(Map.of("address", hook.url("/" + clear("hyg-address-path-8")), "token", clear("hyg-hmac-key-9"),
            "headers", "X-Api-Key: " + clear("hyg-header-value-10"))).build()).create();
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("gone").endMetadata()
        .withStringData(Map.of("address", "http://127.0.0.1:1/" + clear("hyg-unreachable-11"))).build()).create();
    for (String provider : List.of("hook", "gone")) {
      client.resource(client.getKubernetesSerialization().unmarshal("""
          apiVersion: keelson.dev/v1alpha1
          kind: Provider
          metadata: {name: %s, namespace: %s}
          spec: {type: generic-hmac, secretRef: {name: %s}}
          """.formatted(provider, ns, provider).replace("generic-hmac, secretRef: {name: gone}",
              "generic, secretRef: {name: gone}"), dev.keelson.api.v1alpha1.Provider.class)).create();
      client.resource(client.getKubernetesSerialization().unmarshal("""
          apiVersion: keelson.dev/v1alpha1
          kind: Alert
          metadata: {name: %s, namespace: %s}
          spec:
            providerRef: {name: %s}
            eventSources: [{kind: Application, name: '*'}]
          """.formatted(provider, ns, provider), dev.keelson.api.v1alpha1.Alert.class)).create();
    }
    await().atMost(TIMEOUT).until(() -> client.resources(dev.keelson.api.v1alpha1.Alert.class).inNamespace(ns).list()
        .getItems().stream().filter(a -> a.getStatus() != null && a.getStatus().conditions.stream()
            .anyMatch(c -> "True".equals(c.getStatus()))).count() == 2);

    SopsFiles.Age key = SopsFiles.newAgeKey();
    SopsFiles.Age other = SopsFiles.newAgeKey();
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("sops-keys").endMetadata()
        .withStringData(Map.of("age.agekey", key.identity())).build()).create();
    clearValues.add(key.identity().lines().filter(l -> l.startsWith("AGE-SECRET-KEY-")).findFirst().orElseThrow());

    // decrypted manifest, then drift on it healed
    repo.write("ok/secret.enc.yaml", SopsFiles.encryptAge("secret.enc.yaml", """
        apiVersion: v1
        kind: Secret
        metadata: {name: db}
        stringData: {password: %s}
        """.formatted(clear("hyg-manifest-value-1")), key.recipient()));
    // a secretGenerator over an encrypted dotenv file
    repo.write("gen/kustomization.yaml", """
        secretGenerator:
        - name: gen
          envs: [vars.env]
        """);
    repo.write("gen/vars.env", SopsFiles.encryptAge("vars.env", "TOKEN=" + clear("hyg-generated-value-2") + "\n",
        key.recipient()));
    // encrypted for a key the app does not have, and a tampered file
    repo.write("wrong/secret.enc.yaml", SopsFiles.encryptAge("secret.enc.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: wrong}\nstringData: {v: " + clear("hyg-wrong-key-value-3") + "}\n",
        other.recipient()));
    repo.write("tampered/secret.enc.yaml", SopsFiles.tamperFirstValue(SopsFiles.encryptAge("secret.enc.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: tampered}\nstringData: {v: " + clear("hyg-tampered-value-4")
            + "}\n", key.recipient())));
    // SealedSecrets: one that opens, one sealed for another name
    await().atMost(TIMEOUT).until(() -> client.configMaps().inNamespace(ControllerOptions.DEFAULT_NAMESPACE)
        .withName(PublishedCertificate.CONFIG_MAP).get() != null);
    Sealer sealer = new Sealer(Pem.parsePublicKey(client.configMaps().inNamespace(ControllerOptions.DEFAULT_NAMESPACE)
        .withName(PublishedCertificate.CONFIG_MAP).get().getData().get(PublishedCertificate.KEY), "certificate"));
    repo.write("sealed/db.yaml", client.getKubernetesSerialization().asYaml(sealer.seal(new SecretBuilder()
        .withNewMetadata().withName("sealed-db").withNamespace(ns).endMetadata()
        .withStringData(Map.of("password", clear("hyg-sealed-value-6"))).build(), SealingScope.STRICT)));
    var misnamed = sealer.seal(new SecretBuilder().withNewMetadata().withName("other").withNamespace(ns).endMetadata()
        .withStringData(Map.of("password", clear("hyg-sealed-elsewhere-7"))).build(), SealingScope.STRICT);
    misnamed.getMetadata().setName("cache");
    repo.write("sealed-wrong/cache.yaml", client.getKubernetesSerialization().asYaml(misnamed));
    String sha = repo.commit("secret scenarios");
    for (String path : List.of("ok", "gen", "wrong", "tampered", "sealed", "sealed-wrong")) {
      createApp(app(path, ns, repo.url(), path));
    }
    awaitApp("ok", a -> syncedAt(a, sha) && healthy(a));
    awaitApp("gen", a -> syncedAt(a, sha) && healthy(a));
    awaitApp("wrong", a -> conditionIs(a, "Ready", "False"));
    awaitApp("tampered", a -> conditionIs(a, "Ready", "False"));
    awaitApp("sealed", a -> syncedAt(a, sha) && healthy(a));
    awaitApp("sealed-wrong", a -> a.getStatus() != null && a.getStatus().health != null
        && "Degraded".equals(a.getStatus().health.status));
    assertThat(client.secrets().inNamespace(ns).withName("sealed-db").get()).isNotNull();

    RetryOnConflict.edit(client.secrets().inNamespace(ns).withName("db"), s -> new SecretBuilder(s)
        .withData(Map.of("password", b64(clear("hyg-drifted-value-5")))).build());
    Application ok = app("ok");
    String diff = KeelsonController.differ(client, Files.createTempDirectory("keelson-diff-"))
        .diff(AppSettings.of(ok), ok.getStatus()).text();
    assertThat(diff).contains("++++++++ (changed)");
    // then healed: the drift Events name what changed, never the value
    RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName("ok"), a -> {
      a.getSpec().syncPolicy.automated.selfHeal = true;
      return a;
    });
    await().atMost(TIMEOUT).until(() -> "hyg-manifest-value-1".equals(
        new String(Base64.getDecoder().decode(client.secrets().inNamespace(ns).withName("db").get().getData()
            .get("password")), StandardCharsets.UTF_8)));

    List<String> places = new ArrayList<>();
    places.add("diff\n" + diff);
    for (Application a : client.resources(Application.class).inNamespace(ns).list().getItems()) {
      places.add("status of " + a.getMetadata().getName() + "\n" + client.getKubernetesSerialization().asYaml(a.getStatus()));
    }
    for (var sealed : client.resources(dev.keelson.api.bitnami.v1alpha1.SealedSecret.class).inNamespace(ns).list().getItems()) {
      places.add("status of SealedSecret " + sealed.getMetadata().getName() + "\n"
          + client.getKubernetesSerialization().asYaml(sealed.getStatus()));
    }
    // delivered after two failures: the retries ran, and were logged
    await().atMost(TIMEOUT).until(() -> hook.requests().stream().anyMatch(r -> r.answered() == 200));
    hook.close();
    for (var p : client.resources(dev.keelson.api.v1alpha1.Provider.class).inNamespace(ns).list().getItems()) {
      places.add("Provider " + p.getMetadata().getName() + "\n" + client.getKubernetesSerialization().asYaml(p));
    }
    for (var a : client.resources(dev.keelson.api.v1alpha1.Alert.class).inNamespace(ns).list().getItems()) {
      places.add("Alert " + a.getMetadata().getName() + "\n" + client.getKubernetesSerialization().asYaml(a));
    }
    client.v1().events().inNamespace(ns).list().getItems().forEach(e ->
        places.add("event " + e.getReason() + "\n" + e.getMessage()));
    places.add("metrics\n" + HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + controller.metricsPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    places.add("log\n" + Files.readString(Path.of(logFile)));

    for (String value : clearValues) {
      for (String place : places) {
        String name = place.substring(0, place.indexOf('\n'));
        assertThat(place).as("%s must not hold a clear value", name).doesNotContain(value).doesNotContain(b64(value));
      }
    }
    assertThat(places.get(places.size() - 1)).as("the log has the debug messages too").contains("DEBUG");
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
