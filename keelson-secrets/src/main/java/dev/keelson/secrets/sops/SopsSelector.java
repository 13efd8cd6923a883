package dev.keelson.secrets.sops;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which values a file encrypts: exactly one of sops's six rules. A file that names none uses
 * {@code unencrypted_suffix: _unencrypted}, as sops does.
 */
public record SopsSelector(Rule rule, String value) {

  public enum Rule {
    UNENCRYPTED_SUFFIX("unencrypted_suffix"),
    ENCRYPTED_SUFFIX("encrypted_suffix"),
    UNENCRYPTED_REGEX("unencrypted_regex"),
    ENCRYPTED_REGEX("encrypted_regex"),
    UNENCRYPTED_COMMENT_REGEX("unencrypted_comment_regex"),
    ENCRYPTED_COMMENT_REGEX("encrypted_comment_regex");

    /** The metadata key sops writes. */
    public final String key;

    Rule(String key) {
      this.key = key;
    }

    boolean isRegex() {
      return this != UNENCRYPTED_SUFFIX && this != ENCRYPTED_SUFFIX;
    }
  }

  public static final String DEFAULT_UNENCRYPTED_SUFFIX = "_unencrypted";

  public SopsSelector {
    if (rule == null || value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a selector needs a rule and a non-empty value");
    }
    if (rule.isRegex()) {
      try {
        Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(rule.key + " is not a valid regular expression: " + e.getDescription());
      }
    }
  }

  public static SopsSelector defaults() {
    return new SopsSelector(Rule.UNENCRYPTED_SUFFIX, DEFAULT_UNENCRYPTED_SUFFIX);
  }

  public static SopsSelector unencryptedSuffix(String s) {
    return new SopsSelector(Rule.UNENCRYPTED_SUFFIX, s);
  }

  public static SopsSelector encryptedSuffix(String s) {
    return new SopsSelector(Rule.ENCRYPTED_SUFFIX, s);
  }

  public static SopsSelector unencryptedRegex(String s) {
    return new SopsSelector(Rule.UNENCRYPTED_REGEX, s);
  }

  public static SopsSelector encryptedRegex(String s) {
    return new SopsSelector(Rule.ENCRYPTED_REGEX, s);
  }

  public static SopsSelector unencryptedCommentRegex(String s) {
    return new SopsSelector(Rule.UNENCRYPTED_COMMENT_REGEX, s);
  }

  public static SopsSelector encryptedCommentRegex(String s) {
    return new SopsSelector(Rule.ENCRYPTED_COMMENT_REGEX, s);
  }
}
