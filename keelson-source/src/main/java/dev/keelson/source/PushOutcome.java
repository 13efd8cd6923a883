package dev.keelson.source;

/** A commit that is now on the remote's branch. */
public record PushOutcome(String commitSha, String branch) {}
