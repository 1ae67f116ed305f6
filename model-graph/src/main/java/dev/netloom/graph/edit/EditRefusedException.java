package dev.netloom.graph.edit;

/** An edit that cannot be applied; the message says why in words fit for the user. */
public final class EditRefusedException extends Exception {

    public EditRefusedException(String reason) {
        super(reason, null, false, false);
    }
}
