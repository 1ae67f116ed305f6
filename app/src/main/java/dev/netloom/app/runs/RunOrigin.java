package dev.netloom.app.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Where a run's knowledge came from besides its data, in one line, from its recorded settings. */
public final class RunOrigin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunOrigin() {
    }

    /**
     * "Distilled from A (temperature 4, weight 0.5) · started from B, frozen: conv1, conv2", or ""
     * for a run that learned from its data alone (or unreadable settings).
     */
    public static String describe(String settings) {
        JsonNode s;
        try {
            s = JSON.readTree(settings == null ? "{}" : settings);
        } catch (IOException e) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (s.hasNonNull("teacher")) {
            parts.add("Distilled from " + s.get("teacher").asText() + " (temperature " + s.path("temperature").asText()
                    + ", weight " + s.path("distillWeight").asText() + ")");
        }
        if (s.hasNonNull("startFrom")) {
            String frozen = s.path("frozen").asText("");
            parts.add("Started from " + s.get("startFrom").asText() + ", frozen: " + (frozen.isEmpty() ? "none" : frozen));
        }
        return String.join(" · ", parts);
    }
}
