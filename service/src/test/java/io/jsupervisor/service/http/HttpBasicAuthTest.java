package io.jsupervisor.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsupervisor.config.model.Credentials;
import org.junit.jupiter.api.Test;

class HttpBasicAuthTest {
    /** {@code printf secret | sha1sum} */
    private static final String SECRET_SHA1 = "e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4";

    private final BasicAuth plain = new BasicAuth(new Credentials("user", "secret"));
    private final BasicAuth hashed = new BasicAuth(new Credentials("user", "{SHA}" + SECRET_SHA1));

    @Test
    void plainPasswordMustMatchExactly() {
        assertEquals(BasicAuth.Verdict.ALLOWED, plain.check(RawHttp.basic("user", "secret")));
        assertEquals(BasicAuth.Verdict.DENIED, plain.check(RawHttp.basic("user", "Secret")));
        assertEquals(BasicAuth.Verdict.DENIED, plain.check(RawHttp.basic("user", "secret ")));
        assertEquals(BasicAuth.Verdict.DENIED, plain.check(RawHttp.basic("other", "secret")));
        assertEquals(BasicAuth.Verdict.DENIED, plain.check(RawHttp.basic("user", "")));
    }

    @Test
    void shaPasswordIsCheckedAgainstTheHexDigest() {
        assertEquals(BasicAuth.Verdict.ALLOWED, hashed.check(RawHttp.basic("user", "secret")));
        assertEquals(BasicAuth.Verdict.DENIED, hashed.check(RawHttp.basic("user", SECRET_SHA1)));
        assertEquals(BasicAuth.Verdict.DENIED, hashed.check(RawHttp.basic("user", "{SHA}" + SECRET_SHA1)));
        assertEquals(BasicAuth.Verdict.DENIED, hashed.check(RawHttp.basic("user", "wrong")));
    }

    @Test
    void passwordsMayContainColonsAndAnyCharacter() {
        BasicAuth odd = new BasicAuth(new Credentials("ü", "pa:ss wörd"));
        assertEquals(BasicAuth.Verdict.ALLOWED, odd.check(RawHttp.basic("ü", "pa:ss wörd")));
        assertEquals(BasicAuth.Verdict.DENIED, odd.check(RawHttp.basic("ü", "pa")));
    }

    @Test
    void headersThatAreNotBasicCredentialsAreDenied() {
        assertEquals(BasicAuth.Verdict.DENIED, plain.check(null));
        assertEquals(BasicAuth.Verdict.DENIED, plain.check("Bearer abc"));
        assertEquals(BasicAuth.Verdict.DENIED, plain.check("Basic"));
        assertEquals(BasicAuth.Verdict.DENIED, plain.check("Basic dXNlcnNlY3JldA==")); // "usersecret": no colon
        assertEquals(BasicAuth.Verdict.ALLOWED, plain.check("basic dXNlcjpzZWNyZXQ=")); // scheme in any case
    }

    @Test
    void base64IsDecodedLeniently() {
        // As Python's decoder: characters outside the alphabet and extra padding are skipped.
        assertEquals(BasicAuth.Verdict.ALLOWED, plain.check("Basic dXNl cjpz ZWNyZXQ="));
        assertEquals(BasicAuth.Verdict.ALLOWED, plain.check("Basic dXNlcjpzZWNyZXQ==="));
    }

    @Test
    void undecodableCredentialsAreMalformed() {
        assertEquals(BasicAuth.Verdict.MALFORMED, plain.check("Basic a"));
    }
}
