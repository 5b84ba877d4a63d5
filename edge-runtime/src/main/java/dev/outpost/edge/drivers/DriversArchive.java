package dev.outpost.edge.drivers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * A drivers zip, verified and unpacked. The layout, one folder pair per driver:
 *
 * <pre>
 * drivers/configs/&lt;name&gt;/&lt;name&gt;.properties   driver.class=com.example.jdbc.Driver
 * drivers/drivers/&lt;name&gt;/*.jar                   the driver and its dependencies
 * </pre>
 *
 * The SHA-256 of the whole file is checked before the file is opened as a zip, so a tampered zip is never parsed.
 */
public final class DriversArchive {

    /** The one key of a driver's properties file: the class implementing {@link java.sql.Driver}. */
    public static final String DRIVER_CLASS = "driver.class";

    /** Unpacked bytes beyond which a zip is refused (a zip bomb would otherwise fill the pod's temporary volume). */
    static final long MAX_UNPACKED_BYTES = 1L << 30;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern CONFIG = Pattern.compile("drivers/configs/([^/]+)/([^/]+)\\.properties");
    private static final Pattern JAR = Pattern.compile("drivers/drivers/([^/]+)/([^/]+\\.jar)");
    private static final Set<String> FOLDERS = Set.of("drivers/", "drivers/configs/", "drivers/drivers/");
    private static final String LAYOUT = "drivers/configs/<name>/<name>.properties and drivers/drivers/<name>/*.jar";

    /** One driver of the zip: its name (the folder), the class to load, and its unpacked jars. */
    public record Driver(String name, String driverClass, List<Path> jars) {
    }

    private final List<Driver> drivers;

    private DriversArchive(List<Driver> drivers) {
        this.drivers = List.copyOf(drivers);
    }

    /** @return the drivers, by name */
    public List<Driver> drivers() {
        return drivers;
    }

    /**
     * @param sha256 the configured checksum
     * @throws DriversException unless it is 64 lower-case hex characters
     */
    public static void checkSha256Format(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new DriversException("outpost.drivers.sha256 must be the 64-character lower-case hex SHA-256 of the"
                    + " drivers zip (e.g. the first column of `sha256sum drivers.zip`); got " + sha256.length()
                    + " characters that are not");
        }
    }

    /**
     * Checks the zip's SHA-256, then unpacks it.
     *
     * @param zip            the fetched zip
     * @param expectedSha256 the configured checksum (lower-case hex)
     * @param source         where the zip came from, for messages
     * @param into           an empty folder to unpack into
     * @return the drivers the zip holds
     * @throws DriversException on a checksum mismatch (before the zip is opened), an entry outside the layout or
     *                          outside {@code into}, or a driver without its properties or jars
     */
    public static DriversArchive verifyAndUnpack(Path zip, String expectedSha256, DriversSource source, Path into) {
        checkSha256Format(expectedSha256);
        var actual = sha256(zip, source);
        if (!actual.equals(expectedSha256)) {
            throw new DriversException("the custom drivers zip from " + source + " does not match its SHA-256:"
                    + " expected " + expectedSha256 + ", actual " + actual + ". Nothing in it was loaded. Publish the"
                    + " zip again, or set outpost.drivers.sha256 (Helm: customDrivers.sha256) to the checksum of the"
                    + " zip you meant to use.");
        }
        try (var file = new ZipFile(zip.toFile())) {
            var configs = new TreeMap<String, Path>();
            var jars = new TreeMap<String, List<Path>>();
            long unpacked = 0;
            for (var entry : file.stream().toList()) {
                var name = entry.getName();
                if (entry.isDirectory() && (FOLDERS.contains(name) || isDriverFolder(name))) {
                    continue;
                }
                var target = into.resolve(name).normalize();
                if (name.startsWith("/") || name.contains("\\") || List.of(name.split("/")).contains("..")
                        || !target.startsWith(into)) {
                    throw new DriversException("the custom drivers zip from " + source + " has an entry that points"
                            + " outside its folder: " + name + ". Nothing was loaded; rebuild the zip with relative"
                            + " paths (" + LAYOUT + ").");
                }
                var config = CONFIG.matcher(name);
                var jar = JAR.matcher(name);
                if (config.matches() && config.group(1).equals(config.group(2)) && NAME.matcher(config.group(1)).matches()) {
                    configs.put(config.group(1), target);
                } else if (jar.matches() && NAME.matcher(jar.group(1)).matches()) {
                    jars.computeIfAbsent(jar.group(1), k -> new ArrayList<>()).add(target);
                } else {
                    throw new DriversException("the custom drivers zip from " + source + " has an unexpected entry "
                            + name + ": it may hold only " + LAYOUT + ", with the same <name> (letters, digits, . _ -)"
                            + " in both places.");
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    unpacked += Files.copy(in, target);
                }
                if (unpacked > MAX_UNPACKED_BYTES) {
                    throw new DriversException("the custom drivers zip from " + source + " unpacks to more than "
                            + (MAX_UNPACKED_BYTES >> 20) + " MiB; drivers are far smaller, so it is refused.");
                }
            }
            return new DriversArchive(drivers(configs, jars, source));
        } catch (IOException e) {
            throw new DriversException("cannot unpack the custom drivers zip from " + source + " into " + into + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean isDriverFolder(String name) {
        return (name.startsWith("drivers/configs/") || name.startsWith("drivers/drivers/"))
                && name.indexOf('/', "drivers/configs/".length()) == name.length() - 1;
    }

    private static List<Driver> drivers(Map<String, Path> configs, Map<String, List<Path>> jars, DriversSource source)
            throws IOException {
        if (configs.isEmpty() && jars.isEmpty()) {
            throw new DriversException("the custom drivers zip from " + source + " holds no driver: expected " + LAYOUT
                    + ".");
        }
        var result = new ArrayList<Driver>();
        for (var name : union(configs.keySet(), jars.keySet())) {
            if (!configs.containsKey(name)) {
                throw new DriversException("custom driver '" + name + "' in the zip from " + source + " has jars but no"
                        + " drivers/configs/" + name + "/" + name + ".properties (with " + DRIVER_CLASS + "=...).");
            }
            if (!jars.containsKey(name)) {
                throw new DriversException("custom driver '" + name + "' in the zip from " + source + " has no jar in"
                        + " drivers/drivers/" + name + "/.");
            }
            result.add(new Driver(name, driverClass(name, configs.get(name), source), jars.get(name)));
        }
        return result;
    }

    private static String driverClass(String name, Path config, DriversSource source) throws IOException {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        var unknown = new TreeMap<>(properties);
        unknown.remove(DRIVER_CLASS);
        var driverClass = properties.getProperty(DRIVER_CLASS, "").strip();
        if (driverClass.isEmpty() || !unknown.isEmpty()) {
            throw new DriversException("drivers/configs/" + name + "/" + name + ".properties in the zip from " + source
                    + " must hold exactly one key, " + DRIVER_CLASS + " (the class implementing java.sql.Driver)"
                    + (unknown.isEmpty() ? "" : "; unknown keys: " + unknown.keySet()) + ".");
        }
        return driverClass;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String sha256(Path zip, DriversSource source) {
        try (var in = new DigestInputStream(Files.newInputStream(zip), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new DriversException("cannot read the custom drivers zip fetched from " + source + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
