package dev.outpost.dq.scan;

import dev.outpost.dq.rules.NamedFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A generated data set with defects planted at known rows, and the counts each check must find, computed here in Java
 * from the same rows: the conformance suite asserts those counts on every engine.
 */
final class ConformanceData {

    static final int ROWS = 1_000;
    static final LocalDateTime NEWEST = LocalDateTime.of(2026, 11, 21, 12, 0);
    static final String EMAIL_PATTERN = "[^@ ]+@[^@ ]+\\.[a-z]{2,}";
    static final List<String> COUNTRIES = List.of("DE", "FR", "US");
    static final int CUSTOMERS = 50;

    record Row(long id, String email, Long age, String country, String code, String created, Long customerId,
            long amount, LocalDateTime ts) {

        Object[] values() {
            return new Object[] {id, email, age, country, code, created, customerId, amount, Timestamp.valueOf(ts)};
        }
    }

    static final List<String> COLUMNS = List.of("id", "email", "age", "country", "code", "created", "customer_id",
            "amount", "ts");

    final List<Row> rows = new ArrayList<>();

    ConformanceData() {
        for (int i = 1; i <= ROWS; i++) {
            // Rows 999 and 1000 repeat the ids of rows 11 and 12: four rows fail uniqueness.
            long id = i >= 999 ? i - 988 : i;
            String email = i % 100 == 0 ? null : i % 50 == 0 ? "bad-email-" + i : "user" + i + "@example.org";
            Long age = i % 89 == 0 ? null : i % 97 == 0 ? 150L : (long) (i % 100);
            String country = i % 71 == 0 ? "XX" : COUNTRIES.get(i % 3);
            String code = i % 60 == 0 ? "ABCDEFG" : "AB" + (char) ('A' + i % 26);
            String created = i % 83 == 0 ? "2023-02-30" : LocalDate.of(2024, 1, 1).plusDays(i).toString();
            Long customerId = i % 113 == 0 ? null : i % 67 == 0 ? 999L : (long) (i % CUSTOMERS + 1);
            long amount = i % 200 - 10;
            LocalDateTime ts = NEWEST.minusMinutes(ROWS - i);
            rows.add(new Row(id, email, age, country, code, created, customerId, amount, ts));
        }
    }

    Path writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Row row : rows) {
            csv.append(String.join(",", Arrays.stream(row.values())
                    .map(v -> v == null ? "" : v instanceof Timestamp t ? t.toLocalDateTime().toString().replace('T',
                            ' ') : v.toString())
                    .toList())).append('\n');
        }
        Files.createDirectories(file.getParent());
        return Files.writeString(file, csv);
    }

    static Path writeCustomersCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("id\n");
        for (int id = 1; id <= CUSTOMERS; id++) {
            csv.append(id).append('\n');
        }
        return Files.writeString(file, csv);
    }

    void createTables(Connection connection, String table, String customers) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id bigint, email text, age bigint, country text, code text,"
                    + " created text, customer_id bigint, amount bigint, ts timestamp)");
            statement.execute("CREATE TABLE " + customers + " (id bigint)");
            statement.execute("INSERT INTO " + customers + " SELECT generate_series(1, " + CUSTOMERS + ")");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Row row : rows) {
                Object[] values = row.values();
                for (int c = 0; c < values.length; c++) {
                    insert.setObject(c + 1, values[c]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    long count(Predicate<Row> failing) {
        return rows.stream().filter(failing).count();
    }

    long duplicateIds() {
        return rows.stream().filter(r -> rows.stream().filter(o -> o.id() == r.id()).count() > 1).count();
    }

    static boolean matches(String pattern, String value) {
        return Pattern.compile(pattern).matcher(value).matches();
    }

    static boolean isIsoDate(String value) {
        if (!matches(NamedFormat.ISO_DATE.pattern(), value)) {
            return false;
        }
        try {
            LocalDate.parse(value, DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    double[] ages() {
        return rows.stream().map(Row::age).filter(Objects::nonNull).mapToDouble(Long::doubleValue).toArray();
    }
}
