package dev.keelson.secrets.sops;

import java.util.Locale;

/** How a SOPS file stores its tree; chosen from the file name, as sops and Flux do. */
public enum SopsFormat {
  YAML, JSON, DOTENV, INI, BINARY;

  /** {@code .yaml}/{@code .yml}, {@code .json}, {@code .env}, {@code .ini}; anything else is binary. */
  public static SopsFormat ofFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".yaml") || n.endsWith(".yml")) return YAML;
    if (n.endsWith(".json")) return JSON;
    if (n.endsWith(".env")) return DOTENV;
    if (n.endsWith(".ini")) return INI;
    return BINARY;
  }
}
