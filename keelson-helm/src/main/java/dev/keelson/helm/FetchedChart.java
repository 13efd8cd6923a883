package dev.keelson.helm;

/**
 * A chart archive from a repository.
 *
 * @param archive the {@code .tgz}
 * @param sha256 its digest, which names it in the cache and keys renders of it
 * @param version the version chosen
 */
record FetchedChart(byte[] archive, String sha256, String version) {}
