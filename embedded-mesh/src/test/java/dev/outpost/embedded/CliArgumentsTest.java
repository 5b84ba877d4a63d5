package dev.outpost.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.outpost.embedded.CliArguments.Command;
import dev.outpost.embedded.CliArguments.Format;

class CliArgumentsTest {

    @Test
    void demoWithoutOptionsUsesTheSampleAndTheDefaultStateDir() {
        CliArguments parsed = CliArguments.parse("demo");
        assertThat(parsed.command()).isEqualTo(Command.DEMO);
        assertThat(parsed.data()).isEmpty();
        assertThat(parsed.rules()).isEmpty();
        assertThat(parsed.stateDir()).isEqualTo(Path.of(".outpost"));
        assertThat(parsed.keepRunning()).isFalse();
        assertThat(parsed.debug()).isFalse();
    }

    @Test
    void demoTakesDataRulesAndStateDirWithASpaceOrAnEqualsSign() {
        CliArguments parsed = CliArguments.parse("demo", "--data", "in/orders.csv.gz", "--rules=r.yaml",
                "--state-dir", "/tmp/s", "--keep-running", "--debug");
        assertThat(parsed.data()).hasValueSatisfying(data -> {
            assertThat(data.path()).isEqualTo(Path.of("in/orders.csv.gz"));
            assertThat(data.format()).isEqualTo(Format.CSV);
        });
        assertThat(parsed.rules()).contains(Path.of("r.yaml"));
        assertThat(parsed.stateDir()).isEqualTo(Path.of("/tmp/s"));
        assertThat(parsed.keepRunning()).isTrue();
        assertThat(parsed.debug()).isTrue();
    }

    @Test
    void theDataFormatComesFromTheExtension() {
        assertThat(CliArguments.DataFile.of(Path.of("a.CSV")).format()).isEqualTo(Format.CSV);
        assertThat(CliArguments.DataFile.of(Path.of("a.csv.gz")).format()).isEqualTo(Format.CSV);
        assertThat(CliArguments.DataFile.of(Path.of("dir/a.parquet")).format()).isEqualTo(Format.PARQUET);
        assertThat(Format.PARQUET.apiName()).isEqualTo("parquet");
        assertThatThrownBy(() -> CliArguments.parse("demo", "--data", "a.xlsx"))
                .isInstanceOf(UsageException.class).hasMessageContaining("*.csv, *.csv.gz or *.parquet");
    }

    @Test
    void helpIsACommandAndAnOption() {
        assertThat(CliArguments.parse("help").command()).isEqualTo(Command.HELP);
        assertThat(CliArguments.parse("--help").command()).isEqualTo(Command.HELP);
        assertThat(CliArguments.parse("up", "-h").command()).isEqualTo(Command.HELP);
        assertThat(CliArguments.USAGE).contains("demo", "up", "--data", "--rules", "--state-dir");
    }

    @Test
    void upTakesNoDemoOptions() {
        assertThat(CliArguments.parse("up", "--state-dir", "x").command()).isEqualTo(Command.UP);
        assertThatThrownBy(() -> CliArguments.parse("up", "--data", "a.csv"))
                .isInstanceOf(UsageException.class).hasMessageContaining("belong to 'demo'");
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(CliArguments::parse).hasMessageContaining("no command");
        assertThatThrownBy(() -> CliArguments.parse("deploy")).hasMessageContaining("unknown command 'deploy'");
        assertThatThrownBy(() -> CliArguments.parse("demo", "--verbose")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> CliArguments.parse("demo", "--data")).hasMessageContaining("--data needs a value");
        assertThatThrownBy(() -> CliArguments.parse("demo", "--rules", "--debug"))
                .hasMessageContaining("--rules needs a value");
        assertThatThrownBy(() -> CliArguments.parse("demo", "--state-dir=")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> CliArguments.parse("demo", "--debug=yes")).hasMessageContaining("takes no value");
    }
}
