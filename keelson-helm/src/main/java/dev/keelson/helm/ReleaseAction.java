package dev.keelson.helm;

/**
 * Which Helm action a render stands for, as Keelson gives hooks Helm's meaning: the first sync of
 * a release is an install, every later one an upgrade. It decides what {@code .Release.IsInstall}
 * and {@code .Release.IsUpgrade} answer.
 */
public enum ReleaseAction {
  /** {@code .Release.IsInstall} true, {@code .Release.IsUpgrade} false: {@code helm template}'s answer. */
  INSTALL,
  /** {@code .Release.IsUpgrade} true, {@code .Release.IsInstall} false, as {@code helm upgrade} renders. */
  UPGRADE
}
