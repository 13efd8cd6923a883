package dev.keelson.controller.engine;

import dev.keelson.core.model.Manifest;
import java.util.List;

/**
 * The objects an app wants, ready to apply (namespaces filled in, tracking mark stamped), and
 * where they came from.
 *
 * @param digest a digest over all objects: equal digests mean nothing to re-apply
 */
public record DesiredState(
    List<Manifest> objects, String revision, String ref, String treeId, String digest, String engine) {}
