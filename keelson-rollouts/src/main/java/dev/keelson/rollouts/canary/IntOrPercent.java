package dev.keelson.rollouts.canary;

/** A count given as a number or as a percentage of the replicas ({@code 25%}). */
public sealed interface IntOrPercent {
  int resolve(int replicas, boolean roundUp);

  record Count(int value) implements IntOrPercent {
    public int resolve(int replicas, boolean roundUp) {
      return value;
    }
  }

  record Percent(int value) implements IntOrPercent {
    public int resolve(int replicas, boolean roundUp) {
      long scaled = (long) value * replicas;
      return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
    }
  }

  /** @param text as written in the manifest: {@code 3} or {@code 25%} */
  static IntOrPercent parse(String text) {
    String t = text.trim();
    try {
      if (t.endsWith("%")) return new Percent(Integer.parseInt(t.substring(0, t.length() - 1).trim()));
      return new Count(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a count or a percentage: " + text);
    }
  }
}
