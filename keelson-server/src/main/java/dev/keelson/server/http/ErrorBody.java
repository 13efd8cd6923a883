package dev.keelson.server.http;

/** The JSON of every error: {@code {"code":"unknown_field","message":"..."}}. */
public record ErrorBody(ErrorCode code, String message) {}
