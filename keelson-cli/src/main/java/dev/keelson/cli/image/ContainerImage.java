package dev.keelson.cli.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keelson's container image, built with Jib and no Docker: from scratch (no base image can be
 * pulled here), with the C libraries the JVM and Helm's native library link against, a Java
 * runtime made by jlink, and the CLI's jars. Its entrypoint is the CLI; its default command
 * {@code controller}, and the server's Deployment passes {@code server}.
 */
public final class ContainerImage {
  public static final String JAVA_HOME = "/opt/java";
  public static final String APP = "/app";
  public static final String MAIN = "dev.keelson.cli.KeelsonCli";
  public static final List<String> ENTRYPOINT = List.of(JAVA_HOME + "/bin/java", "-XX:MaxRAMPercentage=70",
      "-XX:TieredStopAtLevel=1", "-cp", APP + "/lib/*", MAIN);
  /** The pods' user (the Deployments set it too): no root inside. */
  public static final String USER = "65532";

  /** Where the image goes. */
  public sealed interface Target permits Tarball, Registry {}

  /** An image tarball (`docker load` / `podman load` reads it), named {@code reference}. */
  public record Tarball(Path file, String reference) implements Target {}

  /** A registry; {@code insecure} allows plain HTTP (a registry on loopback). */
  public record Registry(String reference, boolean insecure) implements Target {}

  /**
   * @param jars the application's jars, in class-path order (all go to /app/lib)
   * @param runtime a Java runtime directory (bin/java inside), e.g. made by {@link JavaRuntime}
   */
  public record Inputs(List<Path> jars, Path runtime) {
    public Inputs {
      jars = List.copyOf(jars);
    }
  }

  private ContainerImage() {}

  /** Builds and writes the image; returns its digest. */
  public static String build(Inputs in, Target target) throws IOException, InterruptedException {
    JibContainerBuilder image = Jib.fromScratch()
        .setFormat(ImageFormat.OCI)
        .addFileEntriesLayer(systemLibraries(in.runtime()))
        .addFileEntriesLayer(tree("java-runtime", in.runtime(), AbsoluteUnixPath.get(JAVA_HOME)))
        .addFileEntriesLayer(jars("dependencies", in.jars().stream().filter(j -> !isKeelson(j)).toList()))
        .addFileEntriesLayer(jars("keelson", in.jars().stream().filter(ContainerImage::isKeelson).toList()))
        .setEntrypoint(ENTRYPOINT)
        .setProgramArguments("controller")
        .setEnvironment(Map.of("HOME", "/tmp", "JAVA_HOME", JAVA_HOME))
        .setWorkingDirectory(AbsoluteUnixPath.get("/tmp"))
        .setUser(USER)
        .addLabel("org.opencontainers.image.title", "keelson")
        .addLabel("org.opencontainers.image.source", "https://github.com/keelson/keelson");
    Containerizer to;
    try {
      if (target instanceof Tarball t) {
        to = Containerizer.to(TarImage.at(t.file()).named(ImageReference.parse(t.reference())));
      } else {
        Registry r = (Registry) target;
        ImageReference ref = ImageReference.parse(r.reference());
        // Docker's own places for credentials, as `docker push` would use them: config.json's
        // auths and credsStore/credHelpers; none is needed by a registry that asks for none
        var credentials = com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory.forImage(ref, event -> {});
        to = Containerizer.to(RegistryImage.named(ref)
                .addCredentialRetriever(credentials.dockerConfig())
                .addCredentialRetriever(credentials.wellKnownCredentialHelpers()))
            .setAllowInsecureRegistries(r.insecure());
      }
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException("not an image reference: " + e.getMessage(), e);
    }
    to.setToolName("keelson").setOfflineMode(false);
    try {
      JibContainer built = image.containerize(to);
      return built.getDigest().toString();
    } catch (com.google.cloud.tools.jib.api.RegistryException | java.util.concurrent.ExecutionException
        | com.google.cloud.tools.jib.api.CacheDirectoryCreationException e) {
      throw new IOException("building the image: " + e.getMessage(), e);
    }
  }

  /** The keelson-* jars change with every commit; the others rarely: two layers, cached apart. */
  private static boolean isKeelson(Path jar) {
    return jar.getFileName().toString().startsWith("keelson-");
  }

  private static FileEntriesLayer jars(String name, List<Path> jars) {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
    for (Path jar : jars) {
      layer.addEntry(jar, AbsoluteUnixPath.get(APP + "/lib/" + jar.getFileName()));
    }
    return layer.build();
  }

  /** A directory as it is: executables stay executable. */
  private static FileEntriesLayer tree(String name, Path dir, AbsoluteUnixPath to) throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
    layer.addEntryRecursive(dir, to, (source, target) -> permissions(source));
    return layer.build();
  }

  private static FilePermissions permissions(Path source) {
    try {
      return FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(source));
    } catch (IOException | UnsupportedOperationException e) {
      return Files.isDirectory(source) ? FilePermissions.DEFAULT_FOLDER_PERMISSIONS : FilePermissions.DEFAULT_FILE_PERMISSIONS;
    }
  }

  /**
   * A scratch image has no C library, and the JVM and Helm's native library need one: the
   * libraries that {@code ldd} names for the runtime's binaries and libraries (the dynamic
   * loader included), copied from this machine at the same paths.
   */
  static FileEntriesLayer systemLibraries(Path runtime) throws IOException, InterruptedException {
    List<Path> binaries = new ArrayList<>();
    binaries.add(runtime.resolve("bin/java"));
    try (Stream<Path> libs = Files.walk(runtime.resolve("lib"))) {
      libs.filter(p -> p.getFileName().toString().endsWith(".so")).forEach(binaries::add);
    }
    java.util.Set<String> needed = new java.util.TreeSet<>();
    for (Path b : binaries) needed.addAll(SharedLibraries.of(b));
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("system-libraries");
    for (String lib : needed) {
      if (lib.startsWith(runtime.toString())) continue; // the runtime's own, in its layer
      layer.addEntry(Path.of(lib), AbsoluteUnixPath.get(lib), FilePermissions.fromOctalString("755"));
    }
    return layer.build();
  }
}
