package dev.keelson.source;

import java.util.Map;

/**
 * The files under a directory of a repository at one commit.
 *
 * @param commitSha the commit read
 * @param path the directory, relative to the repository root ("" for the root)
 * @param treeId git tree id of {@code path}; equal tree ids mean identical content, so a caller
 *     can skip work when a new commit did not touch its path
 * @param files blob contents keyed by path relative to {@code path} with '/' separators,
 *     iterating in sorted order; unmodifiable
 */
public record SourceTree(String commitSha, String path, String treeId, Map<String, byte[]> files) {}
