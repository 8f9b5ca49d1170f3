package org.hearthmail.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code PROGRAM completion}: prints a bash completion script generated from the command model. */
@Command(name = "completion",
        description = "Print a bash completion script. Use: source <(${ROOT-COMMAND-NAME} completion)")
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandSpec root = spec.root();
        spec.commandLine().getOut().print(AutoComplete.bash(root.name(), root.commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
