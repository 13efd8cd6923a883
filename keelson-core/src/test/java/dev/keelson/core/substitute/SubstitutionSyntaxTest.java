package dev.keelson.core.substitute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The expansion forms of Flux's envsubst, on plain text (cases after Flux's own tests). */
class SubstitutionSyntaxTest {

  private static final Map<String, String> VARS = Map.of(
      "var01", "abcdEFGH28ij",
      "upper", "ABCDEFGH28IJ",
      "path_name", "/home/bozo/ideas/thoughts.for.today",
      "filename", "bash.string.txt",
      "stringZ", "abcABC123ABCabc",
      "slashed", "foo/bar/baz",
      "empty", "",
      "count", "3",
      "off", "11");

  private static String strict(String text) throws SubstitutionException {
    return new Substitution(SubstitutionOptions.strict(VARS)).expand(text);
  }

  private static String lenient(String text) throws SubstitutionException {
    return new Substitution(SubstitutionOptions.lenient(VARS)).expand(text);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "${var01}                          | abcdEFGH28ij",
      "x-${var01}-${count}               | x-abcdEFGH28ij-3",
      "${#var01}                         | 12",
      "${var01^}                         | AbcdEFGH28ij",
      "${var01^^}                        | ABCDEFGH28IJ",
      "${upper,}                         | aBCDEFGH28IJ",
      "${upper,,}                        | abcdefgh28ij",
      "${path_name:11}                   | ideas/thoughts.for.today",
      "${path_name:11:5}                 | ideas",
      "${path_name:${off}:5}             | ideas",
      "${var01:-3}                       | abcdEFGH28ij",
      "${var01:100}                      | ''",
      "${var01:x}                        | abcdEFGH28ij",
      "${var01:2:-2}                     | cdEFGH28",
      "${filename#*.}                    | string.txt",
      "${filename##*.}                   | txt",
      "${filename%.*}                    | bash.string",
      "${filename%%.*}                   | bash",
      "${slashed#*/}                     | bar/baz",
      "${slashed##*/}                    | baz",
      "${filename#b[a-c]sh}              | .string.txt",
      "${filename#[^b]*}                 | bash.string.txt",
      "${filename%.t?t}                  | bash.string",
      "${stringZ/abc/xyz}                | xyzABC123ABCabc",
      "${stringZ//abc/xyz}               | xyzABC123ABCxyz",
      "${stringZ/#abc/XYZ}               | XYZABC123ABCabc",
      "${stringZ/%abc/XYZ}               | abcABC123ABCXYZ",
      "${stringZ/#ABC/XYZ}               | abcABC123ABCabc",
      "${stringZ/abc/}                   | ABC123ABCabc",
      "${slashed/\\//-}                  | foo-bar/baz",
      "${slashed//\\//-}                 | foo-bar-baz",
      "${stringZ/*/x}                    | abcABC123ABCabc",
      "${var01=xyz}                      | abcdEFGH28ij",
      "${unset=xyz}                      | xyz",
      "${unset:=xyz}                     | xyz",
      "${unset:-xyz}                     | xyz",
      "${empty:-xyz}                     | xyz",
      "${empty=xyz}                      | xyz",
      "${unset:=}                        | ''",
      "something ${unset=${var01}}       | something abcdEFGH28ij",
      "${unset=prefix-${count}-suffix}   | prefix-3-suffix",
      "${unset=${var01^^}}               | ABCDEFGH28IJ",
      "${unset:=a:b c/d}                 | a:b c/d",
  })
  @DisplayName("each form Flux's envsubst supports")
  void forms(String template, String expected) throws Exception {
    assertThat(strict(template)).isEqualTo(expected);
  }

  @Nested
  @DisplayName("escapes and text outside ${...}")
  class Escapes {
    @Test
    @DisplayName("$${var} is the literal ${var}; $$${var} is $ and the value")
    void doubledDollar() throws Exception {
      assertThat(strict("$${var01}")).isEqualTo("${var01}");
      assertThat(strict("$$${var01}")).isEqualTo("$abcdEFGH28ij");
      assertThat(strict("$$$${var01}")).isEqualTo("$${var01}");
      assertThat(strict("some text ${var01}$${var$${var01}$var01${var01}"))
          .isEqualTo("some text abcdEFGH28ij${var${var01}$var01abcdEFGH28ij");
      assertThat(strict("something $${var=${var01}}")).isEqualTo("something ${var=abcdEFGH28ij}");
    }

    @Test
    @DisplayName("an escaped reference to an unset variable is no error in strict mode")
    void escapedUnsetIsText() throws Exception {
      assertThat(strict("echo $${HOME} $${1}")).isEqualTo("echo ${HOME} ${1}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$", "a $ b", "$var01", "$$", "echo $$ $1 $@ $*", "cost: 5$", "\\", "\\\\",
        "C:\\temp\\new", "^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$", "{}", "$ {var01}",
        "line one\nline two\n\ttabbed $HOME\n", "}", "$}"
    })
    @DisplayName("text without ${ is returned exactly as it is: backslashes, lone $, $var, $$, line breaks")
    void untouched(String text) throws Exception {
      assertThat(strict(text)).isEqualTo(text);
    }

    @Test
    @DisplayName("a backslash before ${ is text; the expansion still happens")
    void backslashBeforeExpansion() throws Exception {
      assertThat(strict("\\${var01}\\n")).isEqualTo("\\abcdEFGH28ij\\n");
      assertThat(strict("a\\\\b ${count} c\\d")).isEqualTo("a\\\\b 3 c\\d");
    }

    @Test
    @DisplayName("multi-line text keeps every line as written around the values")
    void multiLine() throws Exception {
      String script = "#!/bin/sh\nset -e\necho \"$HOME\" \\\n  ${count}\nexit $?\n";
      assertThat(strict(script)).isEqualTo("#!/bin/sh\nset -e\necho \"$HOME\" \\\n  3\nexit $?\n");
    }
  }

  @Nested
  @DisplayName("strict mode")
  class Strict {
    @ParameterizedTest
    @ValueSource(strings = {
        "${missing}", "${#missing}", "${missing^}", "${missing^^}", "${missing,}", "${missing,,}",
        "${missing:0}", "${missing:0:10}", "${missing/a/b}", "${missing//a/b}", "${missing/#a/b}",
        "${missing/%a/b}", "${missing#a}", "${missing##a}", "${missing%a}", "${missing%%a}",
        "x ${unset:=${missing}}", "${1}"
    })
    @DisplayName("an unset variable without a default is an error naming it")
    void unsetIsAnError(String template) {
      assertThatThrownBy(() -> strict(template))
          .isInstanceOf(SubstitutionException.class)
          .hasMessageContaining("is not set and has no default")
          .satisfies(e -> assertThat(((SubstitutionException) e).variable())
              .hasValueSatisfying(v -> assertThat(template).contains(v)));
    }

    @Test
    @DisplayName("a set but empty variable is no error")
    void emptyIsSet() throws Exception {
      assertThat(strict("[${empty}]")).isEqualTo("[]");
    }

    @Test
    @DisplayName("an unused default may name an unset variable")
    void unusedDefaultIsNotEvaluated() throws Exception {
      assertThat(strict("${count:=${missing}}")).isEqualTo("3");
    }

    @Test
    @DisplayName("without strict, unset variables expand to the empty string")
    void lenientMode() throws Exception {
      assertThat(lenient("a${missing}b${#missing}c${missing^^}")).isEqualTo("ab0c");
    }
  }

  @Nested
  @DisplayName("syntax errors")
  class Errors {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "${}                | missing variable name",
        "${ var01}          | missing variable name",
        "${var01            | missing }",
        "x ${var01:=abc     | missing }",
        "${var01.x}         | bad substitution \"${var01.x}\"",
        "${var01 }          | bad substitution",
        "${var01-default}   | use ${name:-default}",
        "${var01+x}         | unsupported",
        "${var01?x}         | unsupported",
        "${var01:+x}        | unsupported",
        "${var01:?x}        | unsupported",
        "${var01/abc}       | expected / after the pattern",
        "${var01^,}         | bad substitution",
        "${#}               | missing variable name",
        "${                 | missing }",
    })
    @DisplayName("a malformed expansion is an error quoting it")
    void malformed(String template, String message) {
      assertThatThrownBy(() -> strict(template))
          .isInstanceOf(SubstitutionException.class)
          .hasMessageContaining(message)
          .satisfies(e -> assertThat(((SubstitutionException) e).variable()).isEmpty());
    }
  }

  @Test
  @DisplayName("values lose their line breaks, as in Flux")
  void lineBreaksAreRemovedFromValues() throws Exception {
    Substitution s = new Substitution(SubstitutionOptions.strict(Map.of("v", "a\nb\n")));
    assertThat(s.expand("${v}")).isEqualTo("ab");
  }

  @Test
  @DisplayName("a variable name that Flux would refuse is refused")
  void invalidNames() {
    for (String name : new String[] {"my-var", "1abc", "a.b", "", "é"}) {
      assertThatThrownBy(() -> SubstitutionOptions.strict(Map.of(name, "x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid variable name");
    }
    assertThat(SubstitutionOptions.strict(Map.of("_a1", "x", "B", "y")).variables()).hasSize(2);
  }

  @Test
  @DisplayName("the options never show values")
  void optionsHideValues() {
    assertThat(SubstitutionOptions.strict(Map.of("token", "s3cret")).toString())
        .contains("token").doesNotContain("s3cret");
  }

  @Test
  @DisplayName("non-ASCII values are counted and cut in characters")
  void unicode() throws Exception {
    Substitution s = new Substitution(SubstitutionOptions.strict(Map.of("v", "élan😀x")));
    assertThat(s.expand("${#v}")).isEqualTo("6");
    assertThat(s.expand("${v:4:1}")).isEqualTo("😀");
    assertThat(s.expand("${v^}")).isEqualTo("Élan😀x");
  }
}
