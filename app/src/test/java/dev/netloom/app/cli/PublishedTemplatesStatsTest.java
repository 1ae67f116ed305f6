package dev.netloom.app.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netloom stats} on the templates of published models prints torchvision's parameter
 * counts; the multiply-adds are the figures worked out from the architectures (each within 2% of
 * the published one, {@code PublishedTemplatesCostTest} in model-graph).
 */
class PublishedTemplatesStatsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mobilenet-v3-small | 2,542,856  | 56,510,400    | Multiply-adds: 56.5M per example",
            "efficientnet-b0    | 5,288,548  | 385,814,752   | Multiply-adds: 385.8M per example",
            "resnet-18          | 11,689,512 | 1,814,073,344 | Multiply-adds: 1.81G per example",
    })
    void statsPrintsThePublishedParameterCount(String template, String parameters, String multiplyAdds, String line) {
        Path file = dir.resolve(template + ".netloom");
        Cli created = Cli.run("new", "--template", template, file.toString());
        assertThat(created.code()).as(created.err()).isZero();

        Cli r = Cli.run("stats", file.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("total\\s.*" + parameters + "\\s+" + multiplyAdds).contains(line);
    }
}
