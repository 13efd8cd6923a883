package dev.keelson.server.http;

/**
 * The stable codes of the API's errors, with their HTTP status. Clients branch on the code, never
 * on the message; a code keeps its meaning once published.
 */
public enum ErrorCode {
  /** The HTTP request itself is malformed (a header, an ambiguous path); sent with Jetty's own status. */
  bad_request(400),
  malformed_json(400),
  unknown_field(400),
  invalid_body(400),
  body_too_large(400),
  invalid_parameter(400),
  invalid_continue(400),
  unauthenticated(401),
  forbidden(403),
  not_found(404),
  method_not_allowed(405),
  conflict(409),
  nothing_to_do(409),
  rate_limited(429),
  internal(500),
  /** The destination cluster or an upstream (kubelet, Git) did not answer as needed. */
  upstream_failed(502),
  /** Rendering or comparing the app failed (a bad revision, an invalid manifest). */
  render_failed(422);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }
}
