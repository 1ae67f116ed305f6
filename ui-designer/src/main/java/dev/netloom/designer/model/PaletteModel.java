package dev.netloom.designer.model;

import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The palette's state: a search text and the catalog's layer types that match it, grouped by
 * category in palette order. A type matches when its name, category or description contains
 * every word typed.
 */
public final class PaletteModel {

    private final LayerCatalog catalog;
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ReadOnlyObjectWrapper<Map<Category, List<LayerSpec>>> groups =
            new ReadOnlyObjectWrapper<>(this, "groups");

    public PaletteModel(LayerCatalog catalog) {
        this.catalog = catalog;
        groups.set(filter(""));
        search.addListener((obs, old, text) -> groups.set(filter(text)));
    }

    /** What the user typed in the search field. */
    public StringProperty searchProperty() {
        return search;
    }

    /** The matching types by category; categories with no match are left out. */
    public ReadOnlyObjectProperty<Map<Category, List<LayerSpec>>> groupsProperty() {
        return groups.getReadOnlyProperty();
    }

    /** How many types match. */
    public int matchCount() {
        return groups.get().values().stream().mapToInt(List::size).sum();
    }

    private Map<Category, List<LayerSpec>> filter(String text) {
        String[] words = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        Map<Category, List<LayerSpec>> out = new LinkedHashMap<>();
        catalog.byCategory().forEach((category, specs) -> {
            List<LayerSpec> kept = specs.stream().filter(s -> matches(s, words)).toList();
            if (!kept.isEmpty()) {
                out.put(category, kept);
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    private static boolean matches(LayerSpec spec, String[] words) {
        String haystack = (spec.type() + " " + spec.category().displayName() + " " + spec.description())
                .toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (!w.isEmpty() && !haystack.contains(w)) {
                return false;
            }
        }
        return true;
    }
}
