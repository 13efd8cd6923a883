package dev.keelson.controller.notify;

/** URLs as they may appear in messages: without user info (a token in a URL is still a token). */
final class UrlText {
  private UrlText() {}

  static String safe(String url) {
    if (url == null) return "";
    return url.replaceAll("(?<=://)[^/@]*@", "");
  }
}
