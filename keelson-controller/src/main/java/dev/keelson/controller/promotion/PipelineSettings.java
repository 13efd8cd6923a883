package dev.keelson.controller.promotion;

import dev.keelson.api.promotion.v1alpha1.PromotionPipeline;
import dev.keelson.api.promotion.v1alpha1.PromotionPipelineSpec;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRunArgument;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplateRef;
import dev.keelson.automation.image.ImageName;
import dev.keelson.automation.promotion.Approval;
import dev.keelson.automation.promotion.Promoted;
import dev.keelson.automation.promotion.StageSpec;
import dev.keelson.automation.promotion.Verification;
import dev.keelson.core.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline's spec read once into typed values, every field checked before anything is done.
 *
 * @param pushBranch where promotion commits go, or null: the branch each stage's app tracks
 */
record PipelineSettings(List<Stage> stages, Promoted promoted, List<ImageName> images, String authorName,
    String authorEmail, String pushBranch, boolean suspended) {

  /**
   * @param path the directory written, from the repository's root; null: the app's source.path
   * @param file for revision promotion, the Application manifest under path; null: the app is patched
   * @param repoURL the repository of that file, or null: the stage's own
   * @param branch the branch of repoURL written, or null (main)
   * @param analysis the templates run of each candidate, or empty
   */
  record Stage(StageSpec spec, String appNamespace, String appName, String path, String file, String repoURL,
      String branch, Optional<Analysis> analysis) {
    String name() {
      return spec.name();
    }
  }

  /** A stage's analysis: the templates (templateName set) and the arguments (name set), in order. */
  record Analysis(List<AnalysisTemplateRef> templates, List<AnalysisRunArgument> args) {
    Analysis {
      templates = List.copyOf(templates);
      args = List.copyOf(args);
    }
  }

  /** @throws IllegalArgumentException naming the field at fault */
  static PipelineSettings of(PromotionPipeline p) {
    PromotionPipelineSpec spec = p.getSpec();
    if (spec == null || spec.stages == null || spec.stages.size() < 2) {
      throw new IllegalArgumentException("spec.stages: at least two stages are needed");
    }
    if (spec.promote == null) throw new IllegalArgumentException("spec.promote is required");
    List<String> images = new ArrayList<>();
    List<ImageName> names = new ArrayList<>();
    if (spec.promote.images != null) {
      for (int i = 0; i < spec.promote.images.size(); i++) {
        var image = spec.promote.images.get(i);
        String field = "spec.promote.images[" + i + "].name";
        if (image == null || blank(image.name)) throw new IllegalArgumentException(field + " is required");
        try {
          names.add(ImageName.parse(image.name));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(field + ": " + image.name + " is not an image repository name");
        }
        images.add(image.name.strip());
      }
    }
    List<Promoted.ValuePath> values = new ArrayList<>();
    if (spec.promote.helmValues != null) {
      for (int i = 0; i < spec.promote.helmValues.size(); i++) {
        var v = spec.promote.helmValues.get(i);
        if (v == null || blank(v.file) || blank(v.path)) {
          throw new IllegalArgumentException("spec.promote.helmValues[" + i + "]: file and path are required");
        }
        values.add(new Promoted.ValuePath(trim(v.file), v.path.strip()));
      }
    }
    Promoted promoted = new Promoted(Boolean.TRUE.equals(spec.promote.revision), images, values);
    List<Stage> stages = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String ns = p.getMetadata().getNamespace();
    for (int i = 0; i < spec.stages.size(); i++) {
      var s = spec.stages.get(i);
      String field = "spec.stages[" + i + "]";
      if (s == null || blank(s.name)) throw new IllegalArgumentException(field + ".name is required");
      if (!seen.add(s.name)) throw new IllegalArgumentException(field + ".name: " + s.name + " is given twice");
      if (s.application == null || blank(s.application.name)) {
        throw new IllegalArgumentException(field + ".application.name is required");
      }
      Optional<Analysis> analysis = analysis(field + ".analysis", s.analysis);
      Duration soak;
      try {
        soak = blank(s.soakDuration) ? Duration.ZERO : Durations.parse(s.soakDuration);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + ".soakDuration: " + s.soakDuration + " is not a duration");
      }
      String path = s.target == null || blank(s.target.path) ? null : trim(s.target.path);
      String file = s.target == null || blank(s.target.file) ? null : trim(s.target.file);
      if (file != null && !promoted.revision()) {
        throw new IllegalArgumentException(field + ".target.file is for revision promotion (spec.promote.revision)");
      }
      String repoURL = s.target == null || blank(s.target.repoURL) ? null : s.target.repoURL.strip();
      String branch = s.target == null || blank(s.target.branch) ? null : s.target.branch.strip();
      if ((repoURL != null || branch != null) && (file == null || !images.isEmpty() || !values.isEmpty())) {
        throw new IllegalArgumentException(field + ".target.repoURL and branch are for a revision written into "
            + "target.file, with no images or helmValues promoted");
      }
      stages.add(new Stage(new StageSpec(s.name, Approval.parse(field + ".approval", s.approval), soak,
          analysis.isPresent() ? Verification.SOAK_AND_ANALYSIS : Verification.SOAK),
          blank(s.application.namespace) ? ns : s.application.namespace.strip(), s.application.name.strip(), path, file,
          repoURL, branch, analysis));
    }
    var author = spec.git == null || spec.git.commit == null ? null : spec.git.commit.author;
    String email = author == null || blank(author.email) ? "promotions@keelson.dev" : author.email.strip();
    String name = author == null || blank(author.name) ? "Keelson" : author.name.strip();
    String push = spec.git == null || spec.git.push == null || blank(spec.git.push.branch) ? null : spec.git.push.branch.strip();
    return new PipelineSettings(List.copyOf(stages), promoted, List.copyOf(names), name, email, push,
        Boolean.TRUE.equals(spec.suspend));
  }

  private static Optional<Analysis> analysis(String field, PromotionPipelineSpec.Analysis a) {
    if (a == null) return Optional.empty();
    if (a.templates == null || a.templates.isEmpty()) {
      throw new IllegalArgumentException(field + ".templates: name at least one AnalysisTemplate");
    }
    List<AnalysisTemplateRef> templates = new ArrayList<>();
    for (int i = 0; i < a.templates.size(); i++) {
      AnalysisTemplateRef t = a.templates.get(i);
      if (t == null || blank(t.templateName)) {
        throw new IllegalArgumentException(field + ".templates[" + i + "].templateName is required");
      }
      AnalysisTemplateRef copy = new AnalysisTemplateRef();
      copy.templateName = t.templateName.strip();
      copy.clusterScope = Boolean.TRUE.equals(t.clusterScope) ? Boolean.TRUE : null;
      templates.add(copy);
    }
    List<AnalysisRunArgument> args = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; a.args != null && i < a.args.size(); i++) {
      AnalysisRunArgument arg = a.args.get(i);
      if (arg == null || blank(arg.name)) throw new IllegalArgumentException(field + ".args[" + i + "].name is required");
      if (!names.add(arg.name.strip())) {
        throw new IllegalArgumentException(field + ".args[" + i + "].name: " + arg.name + " is given twice");
      }
      AnalysisRunArgument copy = new AnalysisRunArgument();
      copy.name = arg.name.strip();
      copy.value = arg.value;
      args.add(copy);
    }
    return Optional.of(new Analysis(templates, args));
  }

  boolean analysed() {
    return stages.stream().anyMatch(s -> s.analysis().isPresent());
  }

  int indexOf(String stage) {
    for (int i = 0; i < stages.size(); i++) if (stages.get(i).name().equals(stage)) return i;
    return -1;
  }

  List<StageSpec> specs() {
    return stages.stream().map(Stage::spec).toList();
  }

  static String trim(String p) {
    String s = p.strip();
    while (s.startsWith("./")) s = s.substring(2);
    while (s.startsWith("/")) s = s.substring(1);
    while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
    return s.equals(".") ? "" : s;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
