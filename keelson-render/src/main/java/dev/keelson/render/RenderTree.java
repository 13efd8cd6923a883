package dev.keelson.render;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files of an application's path, keyed by normalized relative path. Paths that could point
 * outside the tree once written to disk ({@code ..}, absolute) are refused up front.
 */
final class RenderTree {

  private final TreeMap<String, byte[]> files = new TreeMap<>();
  private final Set<String> directories = new HashSet<>();

  RenderTree(Map<String, byte[]> input) throws RenderException {
    for (Map.Entry<String, byte[]> e : input.entrySet()) {
      String path = normalize(e.getKey());
      if (e.getValue() == null) {
        throw new RenderException(path, path + ": file has no content");
      }
      files.put(path, e.getValue());
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        directories.add(path.substring(0, slash));
      }
    }
  }

  private static String normalize(String key) throws RenderException {
    String path = key == null ? "" : key;
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    boolean bad = path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\0");
    for (String segment : path.split("/", -1)) {
      bad |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
    }
    if (bad) {
      throw new RenderException(String.valueOf(key), "invalid file path '" + key + "' in source tree");
    }
    return path;
  }

  /** All file paths, sorted. */
  List<String> paths() {
    return new ArrayList<>(files.keySet());
  }

  boolean isFile(String path) {
    return files.containsKey(path);
  }

  /** "" is the root, which always exists. */
  boolean isDirectory(String path) {
    return path.isEmpty() || directories.contains(path);
  }

  byte[] bytes(String path) {
    return files.get(path);
  }

  /** The file as text; manifests and kustomizations must be UTF-8, as YAML requires. */
  String text(String path) throws RenderException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(files.get(path)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RenderException(path, path + ": file is not valid UTF-8 text");
    }
  }
}
