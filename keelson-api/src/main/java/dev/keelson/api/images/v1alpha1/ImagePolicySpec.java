package dev.keelson.api.images.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Flux's ImagePolicy spec (image.toolkit.fluxcd.io/v1). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImagePolicySpec {
  @Required
  @JsonPropertyDescription("The ImageRepository whose tags are chosen from; its namespace defaults to the policy's.")
  public RepositoryRef imageRepositoryRef;

  @Required
  @JsonPropertyDescription("How the latest tag is chosen: exactly one of semver, alphabetical, numerical.")
  public Choice policy;

  @JsonPropertyDescription("Only tags matching pattern are considered; extract (e.g. $ts) is what is compared.")
  public FilterTags filterTags;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RepositoryRef {
    @Required public String name;
    public String namespace;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Choice {
    public Semver semver;
    public Ordered alphabetical;
    public Ordered numerical;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Semver {
    @Required
    @JsonPropertyDescription("A semver range: >=1.0.0 <2.0.0, ^1.2, ~1.2.3, 1.x.")
    public String range;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Ordered {
    @JsonPropertyDescription("asc (default: the greatest wins) or desc (the least wins).")
    public String order;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class FilterTags {
    @JsonPropertyDescription("A regular expression a tag must match; named groups (?<ts>...) can be extracted.")
    public String pattern;

    @JsonPropertyDescription("The value compared instead of the tag: $name or ${name} of pattern's groups. Default the whole tag.")
    public String extract;
  }
}
