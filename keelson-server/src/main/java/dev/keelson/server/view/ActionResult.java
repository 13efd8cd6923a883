package dev.keelson.server.view;

/**
 * An action accepted: the request is written on the Application and the controller acts on it
 * next. {@code token} is the value the controller echoes in status once it has ({@code
 * lastHandledSyncRequest}, {@code lastHandledApproval}, ...), which the caller may watch for.
 */
public record ActionResult(String action, String namespace, String name, String token, String message) {}
