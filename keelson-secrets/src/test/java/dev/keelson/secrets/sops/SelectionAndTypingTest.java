package dev.keelson.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which values are encrypted, what the MAC covers, and YAML 1.2 typing through a round trip. */
class SelectionAndTypingTest {
  @TempDir Path tmp;
  Tools.AgeKey age;
  SopsKeys keys;

  @BeforeEach
  void keys() throws Exception {
    age = Tools.ageKeygen(tmp);
    keys = SopsKeys.ageIdentities("keys.txt", age.keysFile());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sops(byte[] enc) {
    return (Map<String, Object>) Yaml.map(enc).get("sops");
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static final String SECRET = """
      apiVersion: v1
      kind: Secret
      metadata:
          name: app
          labels:
              team: blue
      type: Opaque
      stringData:
          user: admin
          password: hunter2
      data:
          token: c2VjcmV0
      """;

  @Test
  @DisplayName("encrypted_regex ^(data|stringData)$ encrypts only a Secret's data; the rest stays readable and the file still decrypts")
  void encryptedRegex() throws Exception {
    byte[] enc = Sops.encrypt("s.yaml", bytes(SECRET), SopsFormat.YAML,
        SopsEncryptOptions.age(age.recipient()).withSelector(SopsSelector.encryptedRegex("^(data|stringData)$")));
    String e = text(enc);
    assertThat(e).contains("kind: Secret\n", "    name: app\n", "        team: blue\n")
        .contains("    password: ENC[AES256_GCM,", "    token: ENC[AES256_GCM,")
        .doesNotContain("hunter2").doesNotContain("c2VjcmV0").doesNotContain("unencrypted_suffix");
    assertThat(sops(enc)).containsEntry("encrypted_regex", "^(data|stringData)$");
    assertThat(text(Sops.decrypt("s.yaml", enc, SopsFormat.YAML, keys))).isEqualTo(SECRET);
  }

  @Test
  @DisplayName("the default selector: keys ending _unencrypted (and all below them) stay clear")
  void defaultSuffix() throws Exception {
    String doc = "a: 1\nb_unencrypted:\n    c: clear\n    d:\n        - x\nsecret: s\n";
    String e = text(Sops.encrypt("f.yaml", bytes(doc), SopsFormat.YAML, SopsEncryptOptions.age(age.recipient())));
    assertThat(e).contains("b_unencrypted:\n    c: clear\n    d:\n        - x\n").contains("a: ENC[").contains("secret: ENC[")
        .contains("unencrypted_suffix: _unencrypted");
    assertThat(text(Sops.decrypt("f.yaml", bytes(e), SopsFormat.YAML, keys))).isEqualTo(doc);
  }

  @Test
  @DisplayName("encrypted_suffix and unencrypted_regex select as sops does")
  void otherSelectors() throws Exception {
    String doc = "a_secret: 1\nb: two\nc:\n    d_secret: three\n";
    String e = text(Sops.encrypt("f.yaml", bytes(doc), SopsFormat.YAML,
        SopsEncryptOptions.age(age.recipient()).withSelector(SopsSelector.encryptedSuffix("_secret"))));
    assertThat(e).contains("a_secret: ENC[").contains("b: two\n").contains("    d_secret: ENC[");
    assertThat(sops(bytes(e))).containsEntry("encrypted_suffix", "_secret");
    assertThat(text(Sops.decrypt("f.yaml", bytes(e), SopsFormat.YAML, keys))).isEqualTo(doc);

    String r = text(Sops.encrypt("f.yaml", bytes(doc), SopsFormat.YAML,
        SopsEncryptOptions.age(age.recipient()).withSelector(SopsSelector.unencryptedRegex("^b$"))));
    assertThat(r).contains("a_secret: ENC[").contains("b: two\n");
    assertThat(sops(bytes(r))).containsEntry("unencrypted_regex", "^b$");
    assertThat(text(Sops.decrypt("f.yaml", bytes(r), SopsFormat.YAML, keys))).isEqualTo(doc);
  }

  @Test
  @DisplayName("comment regexes: a matching comment selects the value right below it (encrypted_comment_regex) or leaves it clear (unencrypted_comment_regex)")
  void commentSelectors() throws Exception {
    String doc = "# sops:enc\npassword: hunter2\nuser: admin\n";
    String e = text(Sops.encrypt("f.yaml", bytes(doc), SopsFormat.YAML,
        SopsEncryptOptions.age(age.recipient()).withSelector(SopsSelector.encryptedCommentRegex("sops:enc"))));
    assertThat(e).startsWith("# sops:enc\npassword: ENC[AES256_GCM,").contains("\nuser: admin\n");
    assertThat(sops(bytes(e))).containsEntry("encrypted_comment_regex", "sops:enc");
    assertThat(text(Sops.decrypt("f.yaml", bytes(e), SopsFormat.YAML, keys))).isEqualTo(doc);

    String doc2 = "# sops:noenc\nuser: admin\npassword: hunter2\n";
    String u = text(Sops.encrypt("f.yaml", bytes(doc2), SopsFormat.YAML,
        SopsEncryptOptions.age(age.recipient()).withSelector(SopsSelector.unencryptedCommentRegex("sops:noenc"))));
    assertThat(u).startsWith("# sops:noenc\nuser: admin\npassword: ENC[AES256_GCM,");
    assertThat(text(Sops.decrypt("f.yaml", bytes(u), SopsFormat.YAML, keys))).isEqualTo(doc2);
  }

  @Test
  @DisplayName("mac_only_encrypted: clear values may change without breaking the MAC; encrypted ones may not be reordered")
  void macOnlyEncrypted() throws Exception {
    String doc = "plain_unencrypted: v1\nsecret: s\nother: o\n";
    byte[] enc = Sops.encrypt("f.yaml", bytes(doc), SopsFormat.YAML, SopsEncryptOptions.age(age.recipient()).withMacScope(MacScope.ENCRYPTED_ONLY));
    String e = text(enc);
    assertThat(e).contains("mac_only_encrypted: true");
    String edited = e.replace("plain_unencrypted: v1", "plain_unencrypted: v2");
    assertThat(text(Sops.decrypt("f.yaml", bytes(edited), SopsFormat.YAML, keys))).isEqualTo(doc.replace("v1", "v2"));

    byte[] full = Sops.encrypt("f.yaml", bytes(doc), SopsFormat.YAML, SopsEncryptOptions.age(age.recipient()));
    String fullEdited = text(full).replace("plain_unencrypted: v1", "plain_unencrypted: v2");
    assertThatThrownBy(() -> Sops.decrypt("f.yaml", bytes(fullEdited), SopsFormat.YAML, keys)).hasMessageContaining("MAC mismatch");
  }

  @Test
  @DisplayName("YAML 1.2 typing survives: yes/on/no stay strings, numbers, booleans, nulls, quoted numbers and key order")
  void typing() throws Exception {
    String doc = """
        z_first: yes
        on: off
        quoted_int: "5432"
        int: 42
        hex: 0x1F
        float: 1.5
        big: 1e300
        truth: true
        nothing: null
        empty: ""
        octal_like: 0777
        date: 2001-12-14
        multi: |
            line one
            line two
        nested:
            list:
                - 1
                - two
                - - inner
                - k: v
                  k2: v2
        """;
    byte[] enc = Sops.encrypt("t.yaml", bytes(doc), SopsFormat.YAML, SopsEncryptOptions.age(age.recipient()));
    String e = text(enc);
    assertThat(e).contains("int: ENC[AES256_GCM,").contains("type:int]").contains("type:float]").contains("type:bool]")
        .contains("nothing: null").contains("empty: \"\"");
    byte[] clear = Sops.decrypt("t.yaml", enc, SopsFormat.YAML, keys);
    Map<String, Object> m = Yaml.map(clear);
    assertThat(m.keySet()).containsExactly("z_first", "on", "quoted_int", "int", "hex", "float", "big", "truth", "nothing", "empty",
        "octal_like", "date", "multi", "nested");
    assertThat(m).containsEntry("z_first", "yes").containsEntry("on", "off").containsEntry("quoted_int", "5432")
        .containsEntry("int", 42).containsEntry("hex", 31).containsEntry("float", 1.5).containsEntry("big", 1e300)
        .containsEntry("truth", true).containsEntry("nothing", null).containsEntry("empty", "")
        .containsEntry("octal_like", 511).containsEntry("date", "2001-12-14").containsEntry("multi", "line one\nline two\n");
    assertThat(Yaml.at(m, "nested", "list")).isEqualTo(List.of(1, "two", List.of("inner"), Map.of("k", "v", "k2", "v2")));
    // YAML 1.1 readers (Helm, older tools) read the strings as strings too: they are quoted
    assertThat(text(clear)).contains("z_first: \"yes\"\n").contains("\"on\": \"off\"\n");
    // and once more: encrypting the clear output gives the same document back
    byte[] again = Sops.decrypt("t.yaml", Sops.encrypt("t.yaml", clear, SopsFormat.YAML, SopsEncryptOptions.age(age.recipient())), SopsFormat.YAML, keys);
    assertThat(text(again)).isEqualTo(text(clear));
  }

  @Test
  @DisplayName("comments are encrypted with their mapping's path and come back as comments, also at the top level and in lists")
  void comments() throws Exception {
    String doc = """
        # top comment
        a:
            # about b
            b: 1
            c: 2
            # end of a
        list:
            # first item
            - x
            - w
        last: z
        """;
    byte[] enc = Sops.encrypt("c.yaml", bytes(doc), SopsFormat.YAML, SopsEncryptOptions.age(age.recipient()));
    assertThat(text(enc)).doesNotContain("top comment").doesNotContain("about b").contains("#ENC[AES256_GCM,").contains("type:comment]");
    assertThat(text(Sops.decrypt("c.yaml", enc, SopsFormat.YAML, keys))).isEqualTo(doc);
  }

  @Test
  @DisplayName("a comment re-indented by hand still decrypts: its AAD names the mapping it belongs to, and it goes back there")
  void reindentedComment() throws Exception {
    String doc = "a:\n    b: 1\n    # tail of a\nc: 2\n";
    String e = text(Sops.encrypt("c.yaml", bytes(doc), SopsFormat.YAML, SopsEncryptOptions.age(age.recipient())));
    assertThat(e).contains("\n    #ENC[");
    String dedented = e.replace("\n    #ENC[", "\n#ENC[");
    assertThat(text(Sops.decrypt("c.yaml", bytes(dedented), SopsFormat.YAML, keys))).isEqualTo(doc);
  }

  @Test
  @DisplayName("several YAML documents: each is encrypted, the metadata repeats in each, all decrypt")
  void multiDocument() throws Exception {
    String doc = "a: 1\n---\nb: 2\n";
    byte[] enc = Sops.encrypt("m.yaml", bytes(doc), SopsFormat.YAML, SopsEncryptOptions.age(age.recipient()));
    assertThat(text(enc).split("\nsops:\n", -1)).hasSize(3);
    assertThat(text(Sops.decrypt("m.yaml", enc, SopsFormat.YAML, keys))).isEqualTo(doc);
  }

  @Test
  @DisplayName("JSON: integers are type:int, other numbers type:float; nulls and empty strings stay as they are")
  void jsonTypes() throws Exception {
    String doc = "{\n\t\"i\": 7,\n\t\"f\": 2.25,\n\t\"b\": false,\n\t\"n\": null,\n\t\"e\": \"\",\n\t\"o\": {},\n\t\"l\": []\n}\n";
    String e = text(Sops.encrypt("j.json", bytes(doc), SopsFormat.JSON, SopsEncryptOptions.age(age.recipient())));
    assertThat(e).contains("type:int]").contains("type:float]").contains("type:bool]").contains("\"n\": null").contains("\"e\": \"\"");
    assertThat(text(Sops.decrypt("j.json", bytes(e), SopsFormat.JSON, keys))).isEqualTo(doc);
  }

  @Test
  @DisplayName("decrypt to another format: YAML in, JSON out")
  void outputType() throws Exception {
    byte[] enc = Sops.encrypt("s.yaml", bytes("a: 1\nb:\n    c: x\n"), SopsFormat.YAML, SopsEncryptOptions.age(age.recipient()));
    assertThat(text(Sops.decrypt("s.yaml", enc, SopsFormat.YAML, SopsFormat.JSON, keys)))
        .isEqualTo("{\n\t\"a\": 1,\n\t\"b\": {\n\t\t\"c\": \"x\"\n\t}\n}\n");
  }

  @Test
  @DisplayName("unquoted scalars are typed as go-yaml v3 types them, so the MAC matches sops's: 0777 is octal, 1_000 is 1000, 09 a float")
  void goYamlTyping() {
    assertThat(GoYamlScalars.resolve("0777")).isEqualTo(new Node.Int(511));
    assertThat(GoYamlScalars.resolve("1_000")).isEqualTo(new Node.Int(1000));
    assertThat(GoYamlScalars.resolve("0b101")).isEqualTo(new Node.Int(5));
    assertThat(GoYamlScalars.resolve("0o17")).isEqualTo(new Node.Int(15));
    assertThat(GoYamlScalars.resolve("-0x1F")).isEqualTo(new Node.Int(-31));
    assertThat(GoYamlScalars.resolve("09")).isEqualTo(new Node.Float(9));
    assertThat(GoYamlScalars.resolve("1e3")).isEqualTo(new Node.Float(1000));
    assertThat(GoYamlScalars.resolve(".5")).isEqualTo(new Node.Float(0.5));
    assertThat(GoYamlScalars.resolve("2001-12-14")).isEqualTo(Node.Str.of("2001-12-14"));
    assertThat(GoYamlScalars.resolve("yes")).isEqualTo(Node.Str.of("yes"));
    assertThat(GoYamlScalars.resolve("True")).isEqualTo(new Node.Bool(true));
    assertThat(GoYamlScalars.resolve("~")).isEqualTo(Node.Null.NULL);
    assertThat(GoYamlScalars.resolve("+12")).isEqualTo(new Node.Int(12));
    assertThat(GoYamlScalars.resolve("1.2.3")).isEqualTo(Node.Str.of("1.2.3"));
  }

  @Test
  @DisplayName("Go's float formatting: shortest round-trip decimal, no exponent")
  void goFloat() {
    assertThat(GoFloat.format(1234568000.0)).isEqualTo("1234568000");
    assertThat(GoFloat.format(25.4)).isEqualTo("25.4");
    assertThat(GoFloat.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(GoFloat.format(2e-7)).isEqualTo("0.0000002");
    assertThat(GoFloat.format(-0.0)).isEqualTo("-0");
    assertThat(GoFloat.format(5e-324)).startsWith("0.000").endsWith("5");
  }
}
