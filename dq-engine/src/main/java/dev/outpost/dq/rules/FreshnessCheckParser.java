package dev.outpost.dq.rules;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

final class FreshnessCheckParser implements CheckParser {

    private static final Pattern AGE = Pattern.compile("([1-9][0-9]{0,8})([smhdw])");
    private static final Map<String, ChronoUnit> UNITS = Map.of("s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS, "w", ChronoUnit.WEEKS);

    @Override
    public String type() {
        return FreshnessCheck.TYPE;
    }

    @Override
    public Dimension defaultDimension() {
        return FreshnessCheck.DEFAULT_DIMENSION;
    }

    @Override
    public boolean judgesRows() {
        return false;
    }

    @Override
    public List<String> keys() {
        return List.of("column", "max_age");
    }

    @Override
    public CheckFactory parse(YamlFields fields) {
        String column = fields.requiredText("column");
        String age = fields.requiredText("max_age");
        Duration maxAge = null;
        if (age != null) {
            Matcher matcher = AGE.matcher(age);
            if (matcher.matches()) {
                maxAge = UNITS.get(matcher.group(2)).getDuration().multipliedBy(Long.parseLong(matcher.group(1)));
            } else {
                fields.problem("max_age", "'max_age' in " + fields.owner() + " must be a positive whole number"
                        + " followed by a unit, s, m, h, d or w (e.g. 90m, 24h, 7d), not '" + age + "'");
            }
        }
        Duration parsed = maxAge;
        return (name, dimension) -> new FreshnessCheck(name, dimension, column, parsed);
    }
}
