package dev.keelson.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelmErrorsTest {

  @Test
  void aTemplateThatIncludesItselfIsToldOnceWithHowOftenItRepeats() {
    String outer = "template: loop/templates/cm.yaml:4:14: executing \"loop/templates/cm.yaml\" at <include \"loop\" .>: "
        + "error calling include: ";
    String frame = "template: loop/templates/_loop.tpl:1:24: executing \"loop\" at <include \"loop\" .>: "
        + "error calling include: ";
    String end = "rendering template has a nested reference name: loop: unable to execute template";

    String collapsed = HelmErrors.collapseRepeatedFrames(outer + frame.repeat(1001) + end);

    assertThat(collapsed).isEqualTo(outer + frame + "(the same include 1000 more times) " + end);
  }

  @Test
  void differentFramesAndPlainMessagesStayAsTheyAre() {
    String text = "template: a/templates/x.yaml:1:2: executing \"a/templates/x.yaml\" at <include \"b\" .>: "
        + "error calling include: template: a/templates/_b.tpl:3:4: executing \"b\" at <.Values.x.y>: nil pointer";
    assertThat(HelmErrors.collapseRepeatedFrames(text)).isEqualTo(text);
    assertThat(HelmErrors.collapseRepeatedFrames("Chart.yaml file is missing")).isEqualTo("Chart.yaml file is missing");
  }
}
