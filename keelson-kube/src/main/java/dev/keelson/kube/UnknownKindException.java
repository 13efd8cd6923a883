package dev.keelson.kube;

/** The API server serves no such kind (yet): a missing CRD or a typo in apiVersion/kind. */
public class UnknownKindException extends KubeException {
  public UnknownKindException(String apiVersion, String kind) {
    super("the API server has no kind " + kind + " in " + apiVersion, false);
  }
}
