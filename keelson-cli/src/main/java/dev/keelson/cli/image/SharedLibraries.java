package dev.keelson.cli.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shared libraries a binary loads, by {@code ldd}: absolute paths on this machine. */
final class SharedLibraries {
  // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
  private static final Pattern LINE = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

  private SharedLibraries() {}

  static List<String> of(Path binary) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    List<String> libs = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.contains("not found")) {
        // a library of the runtime that another of its own loads by rpath at run time: not ours to add
        continue;
      }
      Matcher m = LINE.matcher(line.trim());
      if (m.find()) libs.add(m.group(1));
    }
    return libs;
  }
}
