package io.tributary.scheduler.cli;

import io.tributary.configuration.SettingListing;
import io.tributary.scheduler.config.SchedulerSetting;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "List every setting of the scheduler: variable, default and meaning.")
public final class SettingsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(SettingListing.render(SchedulerSetting.CATALOG));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
