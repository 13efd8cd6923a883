package dev.keelson.server.http;

/** An answer other than success, thrown by handlers and written as {@code {"code", "message"}}. */
public final class ApiError extends RuntimeException {
  private final ErrorCode code;

  public ApiError(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public static ApiError notFound(String message) {
    return new ApiError(ErrorCode.not_found, message);
  }

  public static ApiError badParameter(String message) {
    return new ApiError(ErrorCode.invalid_parameter, message);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(ErrorCode.forbidden, message);
  }
}
