package dev.outpost.edge.drivers;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The drivers of a verified archive, each loaded in its own class loader (drivers cannot clash with each other or with
 * the service's libraries) and registered with {@link DriverManager} through a {@link DriverShim}.
 * {@link #close()} deregisters them and closes their class loaders.
 */
public final class CustomDrivers implements AutoCloseable {

    private final List<DriverShim> shims;
    private final List<URLClassLoader> loaders;

    private CustomDrivers(List<DriverShim> shims, List<URLClassLoader> loaders) {
        this.shims = shims;
        this.loaders = loaders;
    }

    /**
     * @param archive a verified, unpacked drivers zip
     * @param source  where it came from, for messages
     * @return the registered drivers
     * @throws DriversException when a driver class is missing, is not a {@link Driver}, or cannot be created; the
     *                          drivers registered before it are deregistered again
     */
    public static CustomDrivers register(DriversArchive archive, DriversSource source) {
        var shims = new ArrayList<DriverShim>();
        var loaders = new ArrayList<URLClassLoader>();
        var registered = new CustomDrivers(shims, loaders);
        try {
            for (var driver : archive.drivers()) {
                // The platform loader as parent: the driver sees java.sql but none of the service's own libraries.
                var loader = new URLClassLoader("outpost-driver-" + driver.name(), urls(driver.jars()),
                        ClassLoader.getPlatformClassLoader());
                loaders.add(loader);
                var shim = new DriverShim(instantiate(driver, loader, source));
                DriverManager.registerDriver(shim);
                shims.add(shim);
            }
            return registered;
        } catch (SQLException | RuntimeException e) {
            registered.close();
            if (e instanceof DriversException known) {
                throw known;
            }
            throw new DriversException("cannot register the custom drivers from " + source + ": " + e.getMessage(), e);
        }
    }

    private static Driver instantiate(DriversArchive.Driver driver, ClassLoader loader, DriversSource source) {
        var where = "custom driver '" + driver.name() + "' from " + source + ": " + DriversArchive.DRIVER_CLASS + "="
                + driver.driverClass();
        Class<?> type;
        try {
            type = Class.forName(driver.driverClass(), true, loader);
        } catch (ClassNotFoundException e) {
            throw new DriversException(where + " is not in drivers/drivers/" + driver.name() + "/*.jar", e);
        } catch (LinkageError e) {
            throw new DriversException(where + " cannot be loaded (a dependency jar missing?): " + e, e);
        }
        if (!Driver.class.isAssignableFrom(type)) {
            throw new DriversException(where + " does not implement java.sql.Driver");
        }
        try {
            return (Driver) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new DriversException(where + " has no usable public no-argument constructor: " + e, e);
        }
    }

    private static URL[] urls(List<Path> jars) {
        try {
            var urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return urls;
        } catch (MalformedURLException e) {
            throw new IllegalStateException("a local path is always a URL", e);
        }
    }

    /** @return the class names of the registered drivers */
    public List<String> driverClasses() {
        return shims.stream().map(DriverShim::driverClassName).toList();
    }

    /** Deregisters the drivers and closes their class loaders. */
    @Override
    public void close() {
        for (var shim : shims) {
            try {
                DriverManager.deregisterDriver(shim);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot deregister " + shim, e);
            }
        }
        for (var loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                throw new IllegalStateException("cannot close the class loader " + loader.getName(), e);
            }
        }
    }
}
