package dev.keelson.render;

import dev.keelson.core.model.Manifest;
import java.util.List;
import java.util.Objects;

/**
 * What a revision renders to.
 *
 * @param manifests the objects, in file order (directory) or kustomize's output order; no two
 *     share a {@link dev.keelson.core.model.ResourceKey}
 * @param engine {@link #DIRECTORY} or {@link #KUSTOMIZE}
 */
public record RenderResult(List<Manifest> manifests, String engine) {
  public static final String DIRECTORY = "directory";
  public static final String KUSTOMIZE = "kustomize";

  public RenderResult {
    manifests = List.copyOf(manifests);
    Objects.requireNonNull(engine, "engine");
  }
}
