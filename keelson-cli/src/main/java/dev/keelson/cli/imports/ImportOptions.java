package dev.keelson.cli.imports;

/**
 * Where converted objects go.
 *
 * @param namespace the namespace of every converted Application, AppProject and ApplicationSet;
 *     null keeps each object's own
 * @param controllerNamespace the Keelson controller's namespace, where cluster Secrets live
 */
public record ImportOptions(String namespace, String controllerNamespace) {
  public static final String DEFAULT_CONTROLLER_NAMESPACE =
      dev.keelson.controller.runtime.ControllerOptions.DEFAULT_NAMESPACE;

  public static ImportOptions defaults() {
    return new ImportOptions(null, DEFAULT_CONTROLLER_NAMESPACE);
  }
}
