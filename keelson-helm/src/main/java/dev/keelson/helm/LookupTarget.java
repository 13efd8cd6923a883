package dev.keelson.helm;

/**
 * What a chart's {@code lookup} may read. Helm's engine takes its cluster from the process's
 * environment at start, so it can only ever read that one cluster.
 */
public enum LookupTarget {
  /** The cluster the process's environment names, which is the app's destination. */
  PROCESS_CLUSTER,
  /**
   * The app's destination is another cluster: a chart that calls {@code lookup} fails, naming the
   * template, rather than read the wrong cluster.
   */
  REFUSED
}
