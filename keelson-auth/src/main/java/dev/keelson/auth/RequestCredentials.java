package dev.keelson.auth;

import java.util.Optional;

/**
 * What a request carries that can prove who sent it, independent of the HTTP library.
 *
 * @param bearerToken the {@code Authorization: Bearer} value
 * @param sessionCookie the session cookie's value
 * @param csrfHeader the CSRF header's value (required with a session cookie on unsafe methods)
 * @param unsafeMethod POST, PUT, PATCH or DELETE
 * @param remoteAddress the client's address, for rate limiting
 */
public record RequestCredentials(Optional<String> bearerToken, Optional<String> sessionCookie,
    Optional<String> csrfHeader, boolean unsafeMethod, String remoteAddress) {}
