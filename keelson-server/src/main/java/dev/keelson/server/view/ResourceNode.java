package dev.keelson.server.view;

import java.util.List;

/**
 * An object of the tree: a managed object (with its sync status) or one a managed object owns,
 * found through ownerReferences in live state (ReplicaSets, Pods, Jobs).
 *
 * @param sync Synced or OutOfSync for managed objects; null for owned ones
 * @param managed whether Keelson applies it (false: created by another controller)
 */
public record ResourceNode(String group, String version, String kind, String namespace, String name,
    boolean managed, String sync, HealthView health, String message, List<ResourceNode> children) {}
