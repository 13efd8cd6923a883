package dev.keelson.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keelson's output opened by the real age and gpg, and files wrapped by the real age opened by Keelson. */
class InteropTest {
  private static final byte[] SECRET = """
      apiVersion: v1
      kind: Secret
      metadata:
          name: db
      stringData:
          password: hunter2
          port: "5432"
      """.getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  @SuppressWarnings("unchecked")
  private static String metadataField(byte[] enc, String type, String field) {
    Map<String, Object> sops = (Map<String, Object>) Yaml.map(enc).get("sops");
    return (String) ((Map<String, Object>) ((List<Object>) sops.get(type)).get(0)).get(field);
  }

  private static String encryptedValue(byte[] enc, String key) {
    Matcher m = Pattern.compile("(?m)^\\s*" + key + ": (ENC\\[.*\\])$").matcher(new String(enc, StandardCharsets.UTF_8));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  @DisplayName("the data key Keelson wraps opens with the age CLI and with gpg, to the same 32 bytes that decrypt the values")
  void ageAndGpgOpenTheDataKey() throws Exception {
    Tools.AgeKey age = Tools.ageKeygen(tmp);
    byte[] pub = Fixtures.read("sops_functional_tests_key.asc");
    byte[] enc = Sops.encrypt("secret.yaml", SECRET, SopsFormat.YAML, SopsEncryptOptions.of(List.of(age.recipient()), List.of(pub)));

    assertThat(metadataField(enc, "age", "recipient")).isEqualTo(age.recipient());
    String ageEnc = metadataField(enc, "age", "enc");
    assertThat(ageEnc).startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n").endsWith("-----END AGE ENCRYPTED FILE-----\n");
    Path ageFile = Files.writeString(tmp.resolve("key.age"), ageEnc);
    byte[] dataKey = Tools.ok(Map.of(), null, "age", "-d", "-i", age.path().toString(), ageFile.toString()).out();
    assertThat(dataKey).hasSize(32);

    assertThat(metadataField(enc, "pgp", "fp")).isEqualTo("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4");
    Path pgpFile = Files.writeString(tmp.resolve("key.asc"), metadataField(enc, "pgp", "enc"));
    Map<String, String> gnupg = Tools.gnupgHome(tmp);
    byte[] viaGpg;
    try {
      viaGpg = Tools.ok(gnupg, null, "gpg", "--batch", "--quiet", "--decrypt", pgpFile.toString()).out();
    } finally {
      Tools.stopAgent(gnupg);
    }
    assertThat(viaGpg).isEqualTo(dataKey);

    // the key decrypts the values with sops's AAD (the key path); the IV is 32 bytes
    String password = encryptedValue(enc, "password");
    assertThat(((Node.Str) ValueCipher.decrypt(password, dataKey, "stringData:password:")).text()).isEqualTo("hunter2");
    Matcher iv = Pattern.compile("iv:([^,]+),").matcher(password);
    assertThat(iv.find()).isTrue();
    assertThat(Base64.getDecoder().decode(iv.group(1))).hasSize(32);
    assertThat(encryptedValue(enc, "port")).endsWith(",type:str]");
    assertThat(encryptedValue(enc, "kind")).endsWith(",type:str]");

    Map<String, Object> sops = (Map<String, Object>) Yaml.map(enc).get("sops");
    assertThat((String) sops.get("lastmodified")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(sops.get("version")).isEqualTo("3.9.0");
    assertThat(sops.get("unencrypted_suffix")).isEqualTo("_unencrypted");
    String mac = ((Node.Str) ValueCipher.decrypt((String) sops.get("mac"), dataKey, (String) sops.get("lastmodified"))).text();
    assertThat(mac).matches("[0-9A-F]{128}");

    // and Keelson opens it with either key
    SopsKeys ageKeys = SopsKeys.fromSecretData(Map.of("identity.agekey", age.keysFile().getBytes(StandardCharsets.UTF_8)));
    assertThat(Sops.decrypt("secret.yaml", enc, SopsFormat.YAML, ageKeys)).isEqualTo(SECRET);
    assertThat(Sops.decrypt("secret.yaml", enc, SopsFormat.YAML, Fixtures.pgpKey())).isEqualTo(SECRET);
  }

  @Test
  @DisplayName("a file whose data key was wrapped by the real age CLI decrypts")
  void dataKeyWrappedByAgeCli() throws Exception {
    Tools.AgeKey first = Tools.ageKeygen(tmp);
    Tools.AgeKey second = Tools.ageKeygen(tmp);
    byte[] enc = Sops.encrypt("secret.json", "{\"token\": \"s3cr3t\", \"replicas\": 3, \"ratio\": 0.5, \"on\": true}".getBytes(StandardCharsets.UTF_8),
        SopsFormat.JSON, SopsEncryptOptions.age(first.recipient()));
    ObjectMapper json = new ObjectMapper();
    ObjectNode tree = (ObjectNode) json.readTree(enc);
    ObjectNode ageEntry = (ObjectNode) tree.path("sops").path("age").get(0);
    Path ageFile = Files.writeString(tmp.resolve("first.age"), ageEntry.get("enc").asText());
    byte[] dataKey = Tools.ok(Map.of(), null, "age", "-d", "-i", first.path().toString(), ageFile.toString()).out();

    // re-wrap the data key for the second identity with the real age CLI, armored as sops stores it
    String wrapped = Tools.ok(Map.of(), dataKey, "age", "-r", second.recipient(), "-a").text();
    ageEntry.put("recipient", second.recipient());
    ageEntry.put("enc", wrapped);
    byte[] rewrapped = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);

    assertThat(tree.get("replicas").asText()).endsWith(",type:int]");
    assertThat(tree.get("ratio").asText()).endsWith(",type:float]");
    assertThat(tree.get("on").asText()).endsWith(",type:bool]");
    byte[] clear = Sops.decrypt("secret.json", rewrapped, SopsFormat.JSON, SopsKeys.ageIdentities("second", second.keysFile()));
    assertThat(new String(clear, StandardCharsets.UTF_8)).isEqualTo("{\n\t\"token\": \"s3cr3t\",\n\t\"replicas\": 3,\n\t\"ratio\": 0.5,\n\t\"on\": true\n}\n");
  }
}
