package dev.keelson.automation.setters;

import java.util.ArrayList;
import java.util.List;

/**
 * A text as lines that keep their own line ending, so that joining them gives the text back byte
 * for byte (CRLF files, a missing final newline).
 */
public final class Lines {
  private Lines() {}

  public static List<String[]> split(String text) {
    List<String[]> out = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int nl = text.indexOf('\n', at);
      int end = nl < 0 ? text.length() : nl + 1;
      String line = text.substring(at, end);
      String ending = line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
      out.add(new String[] {line.substring(0, line.length() - ending.length()), ending});
      at = end;
    }
    return out;
  }

  public static String join(List<String[]> lines) {
    StringBuilder b = new StringBuilder();
    for (String[] l : lines) b.append(l[0]).append(l[1]);
    return b.toString();
  }
}
