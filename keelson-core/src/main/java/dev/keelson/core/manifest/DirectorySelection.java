package dev.keelson.core.manifest;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which files of a plain manifest directory are read, with Argo CD's directory semantics.
 *
 * <p>Only {@code .yaml}, {@code .yml} and {@code .json} files are considered; files and directories
 * whose name starts with a dot are skipped (editor and tool state such as {@code .git} or {@code
 * .github}). Without {@code recurse} only files directly in the root are read. {@code include} and
 * {@code exclude} are globs matched against the whole relative path; an empty {@code include}
 * means everything, and exclude wins over include.
 *
 * <p>Glob syntax: {@code *} matches any characters <em>including</em> {@code /} (as in Argo CD, so
 * {@code *.yaml} also selects {@code sub/x.yaml} when recursing), {@code **}{@code /} matches zero
 * or more directories, {@code ?} one character, {@code [abc]} / {@code [!abc]} a character class,
 * {@code {a.yaml,b.yaml}} alternatives, and {@code \} escapes the next character.
 *
 * @param recurse whether files in subdirectories are read
 * @param include globs of files to read; empty means all
 * @param exclude globs of files to skip
 */
public record DirectorySelection(boolean recurse, List<String> include, List<String> exclude) {

  private static final DirectorySelection DEFAULTS =
      new DirectorySelection(false, List.of(), List.of());

  public DirectorySelection {
    include = include == null ? List.of() : List.copyOf(include);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
    // Compile eagerly so that a malformed glob is reported when the selection is built, not
    // silently when the first file is tested.
    for (String glob : include) {
      Glob.compile(glob);
    }
    for (String glob : exclude) {
      Glob.compile(glob);
    }
  }

  /** Top directory only, every manifest file, nothing excluded. */
  public static DirectorySelection defaults() {
    return DEFAULTS;
  }

  /**
   * @param relativePath a file path relative to the application's root, {@code /}-separated
   */
  public boolean selects(String relativePath) {
    if (relativePath == null || relativePath.isEmpty()) {
      return false;
    }
    String path = relativePath.startsWith("./") ? relativePath.substring(2) : relativePath;
    if (!(path.endsWith(".yaml") || path.endsWith(".yml") || path.endsWith(".json"))) {
      return false;
    }
    String[] segments = path.split("/", -1);
    if (!recurse && segments.length > 1) {
      return false;
    }
    for (String segment : segments) {
      if (segment.isEmpty() || segment.startsWith(".")) {
        return false;
      }
    }
    for (String glob : exclude) {
      if (Glob.compile(glob).matcher(path).matches()) {
        return false;
      }
    }
    if (include.isEmpty()) {
      return true;
    }
    for (String glob : include) {
      if (Glob.compile(glob).matcher(path).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Glob to regular expression translation; small enough not to need a cache. */
  static final class Glob {
    private Glob() {}

    static Pattern compile(String glob) {
      if (glob == null || glob.isEmpty()) {
        throw new IllegalArgumentException("empty glob pattern");
      }
      StringBuilder re = new StringBuilder();
      int braces = 0;
      int i = 0;
      while (i < glob.length()) {
        char c = glob.charAt(i);
        switch (c) {
          case '\\' -> {
            if (i + 1 >= glob.length()) {
              throw new IllegalArgumentException("glob '" + glob + "' ends with a lone backslash");
            }
            re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
          case '*' -> {
            boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
            if (doubleStar && i + 2 < glob.length() && glob.charAt(i + 2) == '/'
                && (i == 0 || glob.charAt(i - 1) == '/')) {
              re.append("(?:.*/)?"); // "**/" also matches no directory at all
              i += 2;
            } else {
              re.append(".*");
              while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                i++;
              }
            }
          }
          case '?' -> re.append('.');
          case '[' -> {
            int end = glob.indexOf(']', i + 2);
            if (end < 0) {
              throw new IllegalArgumentException("glob '" + glob + "' has an unclosed '['");
            }
            String body = glob.substring(i + 1, end);
            boolean negate = body.startsWith("!") || body.startsWith("^");
            if (negate) {
              body = body.substring(1);
            }
            re.append(negate ? "[^" : "[")
                .append(body.replace("\\", "\\\\").replace("[", "\\[").replace("&&", "\\&\\&"))
                .append(']');
            i = end;
          }
          case '{' -> {
            braces++;
            re.append("(?:");
          }
          case '}' -> {
            if (braces == 0) {
              throw new IllegalArgumentException("glob '" + glob + "' has an unmatched '}'");
            }
            braces--;
            re.append(')');
          }
          case ',' -> re.append(braces > 0 ? "|" : ",");
          default -> re.append(Pattern.quote(String.valueOf(c)));
        }
        i++;
      }
      if (braces != 0) {
        throw new IllegalArgumentException("glob '" + glob + "' has an unclosed '{'");
      }
      return Pattern.compile(re.toString());
    }
  }
}
