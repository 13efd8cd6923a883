package dev.keelson.cli;

import dev.keelson.cli.image.ContainerImage;
import dev.keelson.cli.image.JavaRuntime;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `keelson image build`: Keelson's container image, with Jib, from this CLI's own jars. */
@Command(name = "image", mixinStandardHelpOptions = true, description = "Keelson's container image.",
    subcommands = ImageCommand.Build.class)
final class ImageCommand {

  @Command(name = "build", mixinStandardHelpOptions = true,
      description = "Build the image (no Docker needed): a jlink'd Java runtime and this CLI's jars, from scratch.")
  static final class Build implements Callable<Integer> {
    @Option(names = "--to", required = true, paramLabel = "tar:FILE|REF",
        description = "tar:FILE writes an image tarball (docker/podman load); REF pushes to a registry.")
    String to;

    @Option(names = "--name", paramLabel = "REF", defaultValue = dev.keelson.cli.install.InstallOptions.DEFAULT_IMAGE,
        description = "The image's name inside a tarball (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--insecure", arity = "0..1", fallbackValue = "true",
        description = "Allow a registry over plain HTTP (e.g. on loopback).")
    boolean insecure;

    @Option(names = "--jre", paramLabel = "DIR", description = "A Java runtime to use instead of one made by jlink.")
    Path jre;

    @Option(names = "--cache-dir", paramLabel = "DIR",
        description = "Where the jlink'd runtime is kept between builds (default: ~/.cache/keelson/image).")
    Path cacheDir;

    @Override
    public Integer call() throws Exception {
      Path cache = cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".cache", "keelson", "image");
      Path runtime = jre != null ? jre : JavaRuntime.in(cache);
      ContainerImage.Target target = to.startsWith("tar:")
          ? new ContainerImage.Tarball(Path.of(to.substring(4)), name)
          : new ContainerImage.Registry(to, insecure);
      String digest = ContainerImage.build(new ContainerImage.Inputs(classPathJars(), runtime), target);
      System.out.println((target instanceof ContainerImage.Tarball t ? t.file() + " (" + name + ")" : to) + " " + digest);
      return ExitCodes.OK;
    }
  }

  /** The jars this CLI runs from: what the image runs. */
  static List<Path> classPathJars() {
    List<Path> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(p)) jars.add(p);
    }
    if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("keelson-cli"))) {
      throw new IllegalStateException("the CLI does not run from its jars (class path: "
          + System.getProperty("java.class.path") + "); build with `mvn package` and run ./keelson");
    }
    return jars;
  }
}
