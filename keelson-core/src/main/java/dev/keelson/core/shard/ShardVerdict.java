package dev.keelson.core.shard;

/** What a replica does with an app before reconciling it. */
public enum ShardVerdict {
  /** It owns the app: reconcile. */
  RECONCILE,
  /** The app is assigned to it and nobody alive holds it: take it (a conditional write), then reconcile. */
  CLAIM,
  /** It holds the app but the app is assigned elsewhere now: let go of it (a write), reconcile nothing. */
  RELEASE,
  /** Assigned to it, but another live replica still holds it: look again shortly. */
  WAIT,
  /** Not its app: leave it alone. */
  IGNORE;

  /**
   * The rule that keeps two replicas off one app: a replica reconciles only what it holds, takes
   * an app only from nobody or from a replica no longer alive, and a replica that holds an app
   * assigned elsewhere lets go before the new owner may take it.
   *
   * @param self this replica
   * @param assigned the app's owner by the current assignment; null when there are no members
   * @param holder the replica the app's status names; null or empty when none
   * @param holderAlive whether {@code holder} is a live member
   */
  public static ShardVerdict of(String self, String assigned, String holder, boolean holderAlive) {
    boolean held = holder != null && !holder.isEmpty();
    boolean mine = self.equals(assigned);
    if (held && holder.equals(self)) return mine ? RECONCILE : RELEASE;
    if (!mine) return IGNORE;
    if (!held || !holderAlive) return CLAIM;
    return WAIT;
  }
}
