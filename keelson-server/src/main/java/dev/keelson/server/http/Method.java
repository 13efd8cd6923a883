package dev.keelson.server.http;

/** The HTTP methods the API serves. */
public enum Method {
  GET,
  POST,
  PUT,
  DELETE;

  /** Methods that change something: a cookie session must prove them with its CSRF header. */
  public boolean unsafe() {
    return this != GET;
  }
}
