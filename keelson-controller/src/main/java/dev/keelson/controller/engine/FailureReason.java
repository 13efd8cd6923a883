package dev.keelson.controller.engine;

/** Why a reconcile could not converge; used as condition reason and event reason. */
public enum FailureReason {
  InvalidSpec(false),
  SourceFailed(true),
  RenderFailed(false),
  /**
   * Post-build substitution failed: a variable without a default is not set, or a ConfigMap or
   * Secret of {@code substituteFrom} is missing (transient: it may yet be created).
   */
  SubstitutionFailed(false),
  /**
   * A SOPS file could not be opened: no key of {@code spec.decryption} opens it, its MAC does not
   * match, or it is encrypted and the app has no {@code spec.decryption}. The last good state stays.
   */
  DecryptionFailed(false),
  InvalidObject(false),
  SyncFailed(false),
  /**
   * {@code spec.destination} names a cluster no cluster Secret describes, or whose Secret cannot be
   * read (transient: the Secret may yet be created or fixed).
   */
  DestinationUnknown(true),
  ClusterUnreachable(true),
  /**
   * The app's AppProject forbids what it would do (its source, its destination, a kind, a child
   * Application's project), or the project does not exist or cannot be read. Nothing is applied;
   * the message names the project and the rule. The project may yet be created or changed, and a
   * change of it reconciles its apps at once.
   */
  ProjectViolation(false);

  private final boolean transientByDefault;

  FailureReason(boolean transientByDefault) {
    this.transientByDefault = transientByDefault;
  }

  public boolean transientByDefault() {
    return transientByDefault;
  }
}
