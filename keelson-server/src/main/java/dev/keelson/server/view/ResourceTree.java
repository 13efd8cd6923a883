package dev.keelson.server.view;

import java.util.List;

public record ResourceTree(List<ResourceNode> nodes) {}
