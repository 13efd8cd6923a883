package dev.keelson.controller.fleet;

import dev.keelson.core.project.ServiceAccountRef;

/** Whom an app acts as on its destination cluster. */
public sealed interface Identity {
  /** The controller's own credentials for that cluster. */
  record Controller() implements Identity {
    @Override
    public String toString() {
      return "the controller";
    }
  }

  /** A ServiceAccount of the destination, impersonated. */
  record As(ServiceAccountRef account) implements Identity {
    @Override
    public String toString() {
      return account.toString();
    }
  }

  Identity CONTROLLER = new Controller();
}
