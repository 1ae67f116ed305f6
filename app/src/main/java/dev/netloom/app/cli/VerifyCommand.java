package dev.netloom.app.cli;

import dev.netloom.export.bundle.BundleVerifier;
import dev.netloom.export.bundle.SignerCheck;
import dev.netloom.export.bundle.SigningKey;
import dev.netloom.export.bundle.TrustedKeys;
import dev.netloom.export.bundle.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code netloom verify BUNDLE [--key PUBLIC_KEY_PEM | --integrity-only]}: checks a bundle folder
 * or zip against its manifest and signature, and that the signer is trusted (a key in
 * {@code netloom keys}, this studio's own key, or the one given with {@code --key}); exit 1 with
 * one line per problem on stderr if anything is wrong — so {@code netloom verify x.zip && deploy}
 * never deploys a bundle re-signed by someone else.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a bundle (folder or .zip): every file against the manifest's SHA-256, the manifest's "
                + "Ed25519 signature, and that the signer is trusted (netloom keys; this studio's own key always is). "
                + "Exit 1 if anything is wrong.",
                "--key checks against one given key instead; --integrity-only accepts any signer (the files are intact "
                        + "as signed, but by whom is not checked)."})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(paramLabel = "BUNDLE", description = "The bundle folder or its .zip.")
    Path bundle;

    @Option(names = "--key", paramLabel = "PUBLIC_KEY_PEM",
            description = "The signer's public key (X.509 PEM, e.g. bundle-signing.pub) the bundle must be signed by.")
    Path key;

    @Option(names = "--integrity-only",
            description = "Accept a bundle signed by any key: check only that its files are intact as signed.")
    boolean integrityOnly;

    @Override
    public Integer call() {
        if (key != null && integrityOnly) {
            netloom.err.println("netloom verify: --key and --integrity-only cannot be used together");
            return ExitCode.USAGE;
        }
        if (key != null) {
            return givenKey();
        }
        if (integrityOnly) {
            VerifyReport report = BundleVerifier.verify(bundle, Optional.empty());
            return report.ok() ? ok(report, report.trustNote()) : invalid(report);
        }
        TrustedKeys store = TrustedKeys.inHome(netloom.services.home());
        SignerCheck check = SignerCheck.of(bundle, store);
        if (!check.report().ok()) {
            return invalid(check.report());
        }
        if (!check.trusted()) {
            netloom.err.println(bundle + ": signed by " + check.signerFingerprint().orElse("a key") + ", which is not a "
                    + "trusted key: the files are intact as signed, but not by anyone you trust. If you trust the signer, "
                    + "add their public key with 'netloom keys add KEY.pub'; to check integrity only, use --integrity-only.");
            return ExitCode.INVALID;
        }
        return ok(check.report(), "Signed by " + check.signer().orElseThrow().describe()
                + ", a trusted key: the bundle is intact and comes from its holder.");
    }

    private int givenKey() {
        PublicKey trusted;
        try {
            trusted = SigningKey.readPublicKey(key);
        } catch (NoSuchFileException e) {
            netloom.err.println(key + ": no such file");
            return ExitCode.USAGE;
        } catch (IOException e) {
            netloom.err.println(e.getMessage());
            return ExitCode.USAGE;
        }
        VerifyReport report = BundleVerifier.verify(bundle, Optional.of(trusted));
        return report.ok() ? ok(report, report.trustNote()) : invalid(report);
    }

    private int ok(VerifyReport report, String trustLine) {
        netloom.out.println(report.summary());
        netloom.out.println(trustLine);
        return ExitCode.OK;
    }

    private int invalid(VerifyReport report) {
        for (VerifyReport.Finding f : report.findings()) {
            netloom.err.println(f);
        }
        netloom.err.println(bundle + ": not valid (" + report.findings().size()
                + (report.findings().size() == 1 ? " problem)" : " problems)"));
        return ExitCode.INVALID;
    }
}
