package dev.outpost.control.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys look like {@code opk_<prefix>_<secret>}: a non-secret 8-character prefix to find the key and tell keys
 * apart, and 256 random bits. Only a SHA-256 of the whole key is stored: a fast unsalted hash is enough because the
 * secret is random and long (there is no dictionary to try).
 */
public final class ApiKeyTokens {

    /** Every key starts with this, so secret scanners and people recognise one. */
    public static final String PREFIX = "opk_";

    private static final Pattern KEY = Pattern.compile("opk_([0-9a-f]{8})_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A new key.
     *
     * @param prefix its lookup prefix
     * @param key    the whole key, to be shown once
     */
    public record NewKey(String prefix, String key) {
    }

    private ApiKeyTokens() {
    }

    /** A new random key. */
    public static NewKey generate() {
        byte[] prefix = new byte[4];
        RANDOM.nextBytes(prefix);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String lookup = HexFormat.of().formatHex(prefix);
        return new NewKey(lookup, PREFIX + lookup + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The lookup prefix of {@code key}, if it has the shape of a key. */
    public static Optional<String> prefixOf(String key) {
        var matcher = key == null ? null : KEY.matcher(key);
        return matcher != null && matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The hash stored for {@code key} (any string: the operator key is hashed the same way). */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Whether {@code key} hashes to {@code expectedHash}, in time independent of where they differ. */
    public static boolean matches(String key, String expectedHash) {
        return MessageDigest.isEqual(hash(key).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
