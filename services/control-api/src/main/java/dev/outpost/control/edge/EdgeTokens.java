package dev.outpost.control.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Edge tokens: 256 random bits, shown once, stored as a SHA-256 hash. A fast unsalted hash is sufficient because the
 * token is random and long (no dictionary to attack), and it lets control-api find the edge by the hash directly.
 */
public final class EdgeTokens {

    /** Every token starts with this, so secret scanners and people recognise one. */
    public static final String PREFIX = "opt_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private EdgeTokens() {
    }

    /** A new random token. */
    public static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The hash stored for {@code token}. */
    public static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
