package dev.outpost.embedded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table for the terminal: left-aligned text, right-aligned numbers, long cells cut short. */
public final class TextTable {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final int maxWidth;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param maxWidth the widest a cell may be before it is cut with "…"
     * @param headers  column headers; a header starting with '>' is right-aligned (the '>' is not shown)
     */
    public TextTable(int maxWidth, String... headers) {
        this.maxWidth = maxWidth;
        this.headers = new ArrayList<>();
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            this.headers.add(rightAligned[i] ? headers[i].substring(1) : headers[i]);
        }
    }

    /** Adds a row; {@code null} cells show as {@code null}. */
    public TextTable row(List<?> cells) {
        List<String> row = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            Object cell = i < cells.size() ? cells.get(i) : "";
            row.add(cut(cell == null ? "null" : cell.toString()));
        }
        rows.add(row);
        return this;
    }

    /** Adds a row of these cells. */
    public TextTable row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    /** The table, one line per row after a header line and a rule, each line indented by two spaces. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        List<String> rules = new ArrayList<>();
        for (int width : widths) {
            rules.add("-".repeat(width));
        }
        line(out, rules, widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            line.append(rightAligned[i] ? padding + cell : cell + padding);
            if (i < cells.size() - 1) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private String cut(String text) {
        String oneLine = text.replaceAll("\\R", " ");
        return oneLine.length() <= maxWidth ? oneLine : oneLine.substring(0, maxWidth - 1) + "…";
    }
}
