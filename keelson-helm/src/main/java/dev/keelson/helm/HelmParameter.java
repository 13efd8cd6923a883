package dev.keelson.helm;

import java.util.Objects;

/**
 * One {@code --set} ({@code forceString}: {@code --set-string}) of Argo CD's {@code parameters}.
 *
 * @param name a Helm value path in {@code --set} syntax ({@code image.tag}, {@code args[0]})
 * @param value the value; with {@code forceString} it stays a string even if it reads as a number
 *     or boolean
 */
public record HelmParameter(String name, String value, boolean forceString) {
  public HelmParameter {
    Objects.requireNonNull(name, "name");
    value = value == null ? "" : value;
  }
}
