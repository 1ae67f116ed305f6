package dev.netloom.app.export;

import dev.netloom.devices.DeviceCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The device picker lists every shipped profile under its group's heading, the new platforms included. */
class DeviceChoiceTest {

    @Test
    void thePickerListsEveryProfileUnderItsGroup() {
        List<DeviceChoice> lines = DeviceChoice.of(DeviceCatalog.standard());
        List<String> text = lines.stream().map(DeviceChoice::toString).toList();
        assertThat(lines.stream().filter(c -> !c.heading())).hasSize(DeviceCatalog.standard().all().size())
                .hasSizeGreaterThanOrEqualTo(16);
        int laptops = text.indexOf("Laptop / desktop");
        int boards = text.indexOf("Single-board computer");
        assertThat(laptops).isNotNegative();
        assertThat(boards).isNotNegative();
        int xElite = text.indexOf("Snapdragon X Elite laptop (X1E-78-100)");
        int zero = text.indexOf("Raspberry Pi Zero 2 W");
        assertThat(xElite).isGreaterThan(laptops);
        assertThat(lines.subList(laptops + 1, xElite)).noneMatch(DeviceChoice::heading);
        assertThat(zero).isGreaterThan(boards);
        assertThat(lines.subList(boards + 1, zero)).noneMatch(DeviceChoice::heading);
    }
}
