package dev.netloom.app.studio;

/** Style-class names of the studio shell; the stylesheet is {@code studio.css}. */
public final class StudioStyle {

    public static final String STYLESHEET = StudioStyle.class.getResource("/dev/netloom/app/studio/studio.css")
            .toExternalForm();

    public static final String WINDOW = "studio-window";
    public static final String RAIL = "rail";
    public static final String RAIL_BUTTON = "rail-button";
    public static final String TOOLBAR = "studio-toolbar";
    public static final String PROJECT_TITLE = "project-title";
    public static final String PRIMARY_ACTION = "primary-action";
    public static final String PLACEHOLDER = "placeholder";
    public static final String PLACEHOLDER_TITLE = "placeholder-title";
    public static final String PLACEHOLDER_TEXT = "placeholder-text";
    public static final String WIZARD = "wizard";
    public static final String TEMPLATE_CARD = "template-card";
    public static final String TEMPLATE_NAME = "template-name";
    public static final String TEMPLATE_META = "template-meta";
    public static final String DATA_VIEW = "data-view";
    public static final String SAMPLE = "sample";
    public static final String SAMPLE_LABEL = "sample-label";
    public static final String SAMPLE_TEXT = "sample-text";
    public static final String DATA_CARD = "data-card";
    public static final String DATA_NAME = "data-name";
    public static final String SOURCE_LIST = "source-list";
    public static final String SOURCE_TITLE = "source-title";
    public static final String CHECK_LINE = "check-line";
    public static final String ISSUE = "issue";
    public static final String ERROR_LINE = "error-line";
    public static final String CHECK_OK = "check-ok";
    public static final String CHECK_BAD = "check-bad";
    public static final String SECTION_TITLE = "section-title";
    public static final String MUTED = "muted";
    public static final String NOTE = "note";
    /** A one-line notice across the top of the window ({@code NoticeBar}). */
    public static final String NOTICE_BAR = "notice-bar";
    /** On the scene's root in the dark theme, so component CSS can adapt. */
    public static final String DARK = "theme-dark";

    private StudioStyle() {
    }
}
