package dev.netloom.app.studio;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

import java.util.Locale;

/** The studio's two looks, on AtlantaFX's Primer themes; remembered in the workspace. */
public enum Theme {
    LIGHT(new PrimerLight().getUserAgentStylesheet()),
    DARK(new PrimerDark().getUserAgentStylesheet());

    /** The workspace setting that remembers the theme. */
    public static final String SETTING = "theme";

    private final String userAgentStylesheet;

    Theme(String userAgentStylesheet) {
        this.userAgentStylesheet = userAgentStylesheet;
    }

    public String userAgentStylesheet() {
        return userAgentStylesheet;
    }

    /** The stored name: "light" or "dark". */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The theme a setting names; light for anything else. */
    public static Theme fromSetting(String value) {
        return "dark".equalsIgnoreCase(value) ? DARK : LIGHT;
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
