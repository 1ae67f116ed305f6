package dev.netloom.app.studio;

/** The Help menu's texts: the keyboard shortcuts and a short guide through the views. */
final class HelpTexts {

    private HelpTexts() {
    }

    static final String SHORTCUTS = """
            Projects
              Ctrl+N  new project        Ctrl+O  open        Ctrl+S  save        Ctrl+Shift+S  save as
            Editing the graph (Design view)
              Ctrl+Z  undo        Ctrl+Shift+Z or Ctrl+Y  redo
              Delete  delete the selection        Ctrl+D  duplicate
              Ctrl+C / Ctrl+V  copy / paste        Ctrl+A  select all        Esc  clear the selection
              Ctrl+F  search the palette for a layer to add
              Ctrl+Shift+F  find a node in the graph by id, label or type (Enter: next)
            Viewing
              F  fit to view (never below 45 %)        Ctrl+L  auto-layout
              wheel  scroll (Shift: sideways)        Ctrl+wheel  zoom        right- or middle-drag  pan
              Ctrl+Shift+T  light / dark theme""";

    static final String GUIDE = """
            1. Design: File › New project and pick a template, or drag layers from the palette and connect
               an output dot to an input dot. Problems show on the card with a one-click fix.
            2. Data: choose a dataset (a built-in one, pictures in folders, a CSV table, texts); the view
               checks it against the model's inputs.
            3. Train: set the training settings (saved with the project) and press Start; watch the curves,
               then read the test scores and the confusion matrix.
            4. Tune (optional): tick the search toggle of parameters in the Design view, then search them;
               "Apply best trial" puts the winner into the project.
            5. Export: pick a device and a precision; the bundle is verified against the trained model.
            6. Runs: every run and search is recorded; compare two runs, try a model, register it.
            Every step has a command-line twin: netloom --help.""";
}
