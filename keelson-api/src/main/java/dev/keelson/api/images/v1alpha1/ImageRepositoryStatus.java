package dev.keelson.api.images.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageRepositoryStatus {
  public Long observedGeneration;

  public List<Condition> conditions = new ArrayList<>();

  /** The image as scanned: registry host and repository, e.g. 127.0.0.1:5000/team/web. */
  public String canonicalImageName;

  public ScanResult lastScanResult;

  /**
   * What a scan found. The tags themselves are kept in the controller's memory, never here: a
   * repository with 9,000 tags would make every status write and every watch event carry them.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ScanResult {
    public Integer tagCount;
    /** When the tags were last listed. */
    public String scanTime;
    /** The last few tags in descending lexical order, as Flux shows them. */
    public List<String> latestTags;
    /** full (every tag listed) or incremental (only tags after the last known). */
    public String mode;
    /** Tags-list requests the scan made (one per page). */
    public Integer requests;
  }
}
