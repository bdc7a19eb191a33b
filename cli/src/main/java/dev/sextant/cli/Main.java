package dev.sextant.cli;

import picocli.CommandLine;

/** Entry point of the {@code sextant} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured picocli command line: error output for usage mistakes, exit codes as documented. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SextantCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("sextant: " + e.getMessage());
            return ExitCodes.FAILURE;
        });
        return cl;
    }
}
