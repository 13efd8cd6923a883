package dev.keelson.server.index;

import java.util.Comparator;

/** An app's place in the index: namespace, then name, the order of every list. */
public record AppKey(String namespace, String name) implements Comparable<AppKey> {
  private static final Comparator<AppKey> ORDER =
      Comparator.comparing(AppKey::namespace).thenComparing(AppKey::name);

  @Override
  public int compareTo(AppKey o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
