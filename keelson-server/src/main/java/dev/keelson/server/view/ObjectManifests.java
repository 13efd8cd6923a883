package dev.keelson.server.view;

import java.util.Map;

/** One object's desired state (as rendered) and live state (null when absent), Secret values masked. */
public record ObjectManifests(String group, String kind, String namespace, String name,
    Map<String, Object> desired, Map<String, Object> live) {}
