package dev.keelson.api.promotion.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRunArgument;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplateRef;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionPipelineSpec {
  @Required
  @JsonPropertyDescription("The stages in order; the first runs what its Application tracks, each next one receives what the one before it runs.")
  public List<Stage> stages = new ArrayList<>();

  @Required
  @JsonPropertyDescription("What moves from one stage to the next: the revision, image tags, Helm values paths (one or more).")
  public Promote promote;

  @JsonPropertyDescription("The promotion commit: author, and the branch pushed (another branch than the stage's leaves it for review).")
  public GitSpec git;

  @JsonPropertyDescription("Stop promoting (requests by hand are still answered).")
  public Boolean suspend;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Stage {
    @Required public String name;

    @Required public AppRef application;

    @JsonPropertyDescription("Where this stage's promotion is written in Git. Default its Application's source path.")
    public Target target;

    @JsonPropertyDescription("auto (default) or required: a required stage waits for `keelson promote approve`.")
    public String approval;

    @JsonPropertyDescription("How long this stage must run its candidate Synced and Healthy before the next stage gets it (Go duration). Default 0s.")
    public String soakDuration;

    @JsonPropertyDescription("AnalysisTemplates run as one AnalysisRun once the stage runs a new candidate Synced and Healthy (Argo Rollouts' analysis step): the stage is Verified when the run is Successful and the soak is over; a Failed or Error run fails the stage. Needs the rollouts controller (--rollouts).")
    public Analysis analysis;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class AppRef {
    @Required public String name;

    @JsonPropertyDescription("Default the pipeline's namespace.")
    public String namespace;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Target {
    @JsonPropertyDescription("A directory of the stage's repository. Default the Application's source.path.")
    public String path;

    @JsonPropertyDescription("For revision promotion: a file under path (an Application manifest) whose spec.source.revision is set. Without it the stage Application's spec.source.revision is patched in the cluster.")
    public String file;

    @JsonPropertyDescription("For revision promotion with file: the repository holding that manifest (where the stage's Application is declared, e.g. an app of apps' repository). Default the stage's own repository; credentials from Argo CD's repository Secrets.")
    public String repoURL;

    @JsonPropertyDescription("The branch of repoURL written. Default main.")
    public String branch;
  }

  /** Argo Rollouts' analysis step: templates run as one AnalysisRun, with the arguments given to them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Analysis {
    @Required
    @JsonPropertyDescription("AnalysisTemplates in the pipeline's namespace, or ClusterAnalysisTemplates (clusterScope: true).")
    public List<AnalysisTemplateRef> templates = new ArrayList<>();

    @JsonPropertyDescription("Values of the templates' arguments ({{args.name}} in their metrics); {{stage}}, {{pipeline}}, {{candidate.revision}}, {{candidate.images.REPOSITORY}} and {{candidate.values.FILE:PATH}} in a value are the stage's and its candidate's.")
    public List<AnalysisRunArgument> args = new ArrayList<>();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Promote {
    @JsonPropertyDescription("The Git revision the stage before runs (for Applications that track a tag or a commit).")
    public Boolean revision;

    @JsonPropertyDescription("Images whose tag moves: in kustomization images: entries and image: fields (setter markers kept).")
    public List<Image> images;

    @JsonPropertyDescription("Values files' paths whose value moves, e.g. {file: values.yaml, path: image.tag}.")
    public List<HelmValue> helmValues;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Image {
    @Required
    @JsonPropertyDescription("The image repository, e.g. ghcr.io/org/app.")
    public String name;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HelmValue {
    @Required
    @JsonPropertyDescription("A values file under the stage's path.")
    public String file;

    @Required
    @JsonPropertyDescription("A dotted path of mapping keys, e.g. image.tag.")
    public String path;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class GitSpec {
    public Commit commit;

    @JsonPropertyDescription("Where the commit is pushed. Default the branch the stage's Application tracks (main when it tracks a tag or commit).")
    public Push push;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Commit {
    @JsonPropertyDescription("Default Keelson <promotions@keelson.dev>.")
    public Author author;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Author {
    public String name;
    public String email;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Push {
    public String branch;
  }
}
