package dev.keelson.auth.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code keelson-accounts} Secret's data, in Argo CD's argocd-secret layout:
 * {@code accounts.<name>.password} (bcrypt) and {@code accounts.<name>.tokens} (a JSON list of
 * {@code {id, sha256, iat, exp}}, times in epoch seconds, exp absent for no expiry). Values here
 * are decoded; the Secret holds them base64-encoded.
 */
public final class AccountsCodec {
  public static final String SECRET = "keelson-accounts";
  private static final String PREFIX = "accounts.";
  private static final String PASSWORD = ".password";
  private static final String TOKENS = ".tokens";
  private static final ObjectMapper JSON = new ObjectMapper();

  record StoredToken(String id, String sha256, long iat, Long exp) {}

  private AccountsCodec() {}

  public static Map<String, Account> decode(Map<String, String> base64Data) {
    Map<String, Optional<String>> passwords = new TreeMap<>();
    Map<String, List<ApiToken>> tokens = new TreeMap<>();
    if (base64Data != null) {
      base64Data.forEach((key, value) -> {
        if (!key.startsWith(PREFIX)) return;
        String v = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        if (key.endsWith(PASSWORD)) {
          String name = key.substring(PREFIX.length(), key.length() - PASSWORD.length());
          passwords.put(name, Optional.of(v).filter(s -> !s.isBlank()));
          tokens.putIfAbsent(name, List.of());
        } else if (key.endsWith(TOKENS)) {
          String name = key.substring(PREFIX.length(), key.length() - TOKENS.length());
          tokens.put(name, tokens(name, v));
          passwords.putIfAbsent(name, Optional.empty());
        }
      });
    }
    Map<String, Account> out = new LinkedHashMap<>();
    passwords.forEach((name, pw) -> out.put(name, new Account(name, pw, tokens.getOrDefault(name, List.of()))));
    return out;
  }

  /** The data entries for one account, base64-encoded, to be merged into the Secret. */
  public static Map<String, String> encode(Account account) {
    Map<String, String> out = new LinkedHashMap<>();
    account.passwordHash().ifPresent(h -> out.put(PREFIX + account.name() + PASSWORD, b64(h)));
    List<StoredToken> stored = new ArrayList<>();
    for (ApiToken t : account.tokens()) {
      stored.add(new StoredToken(t.id(), t.sha256(), t.createdAt().getEpochSecond(),
          t.expiresAt().map(Instant::getEpochSecond).orElse(null)));
    }
    try {
      out.put(PREFIX + account.name() + TOKENS, b64(JSON.writeValueAsString(stored)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  public static String passwordKey(String account) {
    return PREFIX + account + PASSWORD;
  }

  public static String tokensKey(String account) {
    return PREFIX + account + TOKENS;
  }

  private static List<ApiToken> tokens(String account, String json) {
    if (json.isBlank()) return List.of();
    try {
      StoredToken[] stored = JSON.readValue(json, StoredToken[].class);
      List<ApiToken> out = new ArrayList<>();
      for (StoredToken s : stored) {
        out.add(new ApiToken(s.id(), account, Instant.ofEpochSecond(s.iat()),
            Optional.ofNullable(s.exp()).map(Instant::ofEpochSecond), s.sha256()));
      }
      return out;
    } catch (JsonProcessingException e) {
      // the message would quote the value, which holds token hashes; name the key only
      throw new IllegalArgumentException(tokensKey(account) + " is not a JSON list of tokens");
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
