package dev.keelson.server.view;

import java.util.List;

/** The app's desired objects at {@code revision}, each beside its live state. */
public record ManifestsView(String revision, List<ObjectManifests> objects) {}
