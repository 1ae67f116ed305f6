package dev.netloom.app.cli;

import dev.netloom.export.bundle.BundleVerifier;
import dev.netloom.export.bundle.SigningKey;
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
 * {@code netloom verify BUNDLE [--key PUBLIC_KEY_PEM]}: checks a bundle folder or zip against
 * its manifest and signature; exit 1 with one line per problem on stderr if anything is wrong.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a bundle (folder or .zip): every file against the manifest's SHA-256, and the manifest's "
                + "Ed25519 signature. Exit 1 if anything is wrong.",
                "Without --key this proves the files are intact as signed by the key inside the bundle; with --key it "
                        + "also proves who signed it."})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(paramLabel = "BUNDLE", description = "The bundle folder or its .zip.")
    Path bundle;

    @Option(names = "--key", paramLabel = "PUBLIC_KEY_PEM",
            description = "The signer's public key (X.509 PEM, e.g. bundle-signing.pub) the bundle must be signed by.")
    Path key;

    @Override
    public Integer call() {
        Optional<PublicKey> trusted = Optional.empty();
        if (key != null) {
            try {
                trusted = Optional.of(SigningKey.readPublicKey(key));
            } catch (NoSuchFileException e) {
                netloom.err.println(key + ": no such file");
                return ExitCode.USAGE;
            } catch (IOException e) {
                netloom.err.println(e.getMessage());
                return ExitCode.USAGE;
            }
        }
        VerifyReport report = BundleVerifier.verify(bundle, trusted);
        if (report.ok()) {
            netloom.out.println(report.summary());
            netloom.out.println(report.trustNote());
            return ExitCode.OK;
        }
        for (VerifyReport.Finding f : report.findings()) {
            netloom.err.println(f);
        }
        netloom.err.println(bundle + ": not valid (" + report.findings().size()
                + (report.findings().size() == 1 ? " problem)" : " problems)"));
        return ExitCode.INVALID;
    }
}
