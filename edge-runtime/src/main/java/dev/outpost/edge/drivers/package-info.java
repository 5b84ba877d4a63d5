/**
 * Custom JDBC drivers: a zip ({@code drivers/configs/<name>/<name>.properties}, {@code drivers/drivers/<name>/*.jar})
 * fetched from {@code outpost.drivers.source}, verified against {@code outpost.drivers.sha256} before anything in it
 * is opened, unpacked, and each driver loaded in its own class loader and registered with {@link java.sql.DriverManager}
 * through a {@link dev.outpost.edge.drivers.DriverShim}. Services that open database connections (job-runner,
 * metadata-browser) call {@link dev.outpost.edge.drivers.CustomDriversInstaller} at startup; any failure stops them.
 */
package dev.outpost.edge.drivers;
