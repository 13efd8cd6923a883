package dev.keelson.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** sops's functional-test files (see the README next to them): every store decrypts and its MAC verifies. */
class SopsFunctionalTestFilesTest {

  static byte[] resource(String name) throws IOException {
    try (InputStream in = SopsFunctionalTestFilesTest.class.getResourceAsStream("/sops-functional-tests/" + name)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      format.enc.yaml                    | foo: bar\\n
      format.enc.json                    | {\\n\\t"foo": "bar"\\n}\\n
      format.enc.env                     | foo = bar\\n
      format.enc.ini                     | [foo]\\nbar = baz\\n
      format-2.enc.ini                   | [foo]\\nbar = baz\\n
      comments.enc.yaml                  | # first comment in file\\nlorem: ipsum\\n# this-is-a-comment\\ndolor: sit\\n
      comments_unencrypted_comments.yaml | # first comment in file\\nlorem: ipsum\\n# this-is-a-comment\\ndolor: sit\\n
      """)
  void decrypts(String name, String expected) throws Exception {
    byte[] out = Sops.decrypt(name, resource(name), SopsFormat.ofFileName(name), Fixtures.pgpKey());
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(expected.replace("\\n", "\n").replace("\\t", "\t"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"format.enc.yaml", "format.enc.json", "format.enc.env", "format.enc.ini", "comments.enc.yaml"})
  void isEncrypted(String name) throws Exception {
    assertThat(Sops.isEncrypted(resource(name), SopsFormat.ofFileName(name))).isTrue();
  }
}
