package io.tributary.platform;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Print the TRIBUTARY_* variables of this stack as shell exports (they include the generated",
                "passwords), e.g. to run a service by hand:  eval \"$(./tributary env)\""})
final class EnvCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Override
    public Integer call() {
        Map<String, String> env = options.stack().attach().serviceEnvironment();
        var out = options.out();
        env.forEach((k, v) -> out.println("export " + k + "=" + ShellQuoting.quote(v)));
        out.flush();
        return 0;
    }
}
