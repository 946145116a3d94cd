package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cdc.config.CdcSetting;
import io.tributary.configuration.SettingCatalog;
import io.tributary.contracts.stage.StageEnvironment;
import io.tributary.contracts.stage.StageMain;
import io.tributary.lakehouse.config.Setting;
import io.tributary.scheduler.config.SchedulerSetting;
import io.tributary.simulator.cli.SimulatorSettings;
import io.tributary.simulator.db.PgSettings;
import io.tributary.stack.ProjectRoot;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How one process starts another: the main classes the launchers name exist in the modules they name, and every
 * environment variable a launcher sets is one the launched stage reads (its settings catalog, as the stage declares it).
 */
class StageLaunchContractTest {

    @Test
    void everyMainIsAPublicStaticMainOfItsModule() throws Exception {
        Path root = ProjectRoot.require();
        for (StageMain main : StageMain.values()) {
            Path source = root.resolve(main.module()).resolve("src/main/java")
                    .resolve(main.className().replace('.', '/') + ".java");
            assertThat(source).as("%s in module %s", main.className(), main.module()).isRegularFile();
            assertThat(Files.readString(source)).as(main.className()).contains("public static void main(String[] ");
            if (main != StageMain.SCHEMA_REGISTRY) { // the registry's classes are not on this classpath (build order only)
                assertThat(getClass().getClassLoader().getResource(main.className().replace('.', '/') + ".class"))
                        .as("compiled %s", main.className()).isNotNull();
            }
        }
    }

    @Test
    void theEnvironmentALauncherSetsIsWhatTheStageReads() throws Exception {
        Set<String> cdc = envNames(CdcSetting.CATALOG);
        Set<String> lakehouse = envNames(Setting.CATALOG);
        Set<String> simulator = envNames(SimulatorSettings.CATALOG);
        simulator.addAll(List.of(PgSettings.HOST, PgSettings.PORT, PgSettings.DATABASE, PgSettings.USER,
                PgSettings.PASSWORD));
        assertThat(cdc).containsAll(names(StageEnvironment.Cdc.class));
        assertThat(lakehouse).containsAll(names(StageEnvironment.Lakehouse.class));
        assertThat(simulator).containsAll(names(StageEnvironment.Simulator.class));
        assertThat(envNames(SchedulerSetting.CATALOG)).containsAll(names(StageEnvironment.Scheduler.class));
        Set<String> anyStage = new HashSet<>(cdc);
        anyStage.addAll(lakehouse);
        anyStage.addAll(simulator);
        assertThat(anyStage).as("what the local stack sets for every stage").containsAll(names(StageEnvironment.Stack.class));
        assertThat(cdc).as("both ends of the change topics").contains(StageEnvironment.Stack.TOPIC_PREFIX);
        assertThat(lakehouse).contains(StageEnvironment.Stack.TOPIC_PREFIX);
    }

    private static Set<String> envNames(SettingCatalog catalog) {
        Set<String> names = new HashSet<>();
        catalog.settings().forEach(s -> names.add(s.envName()));
        return names;
    }

    private static List<String> names(Class<?> holder) throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field f : holder.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                names.add((String) f.get(null));
            }
        }
        assertThat(names).as(holder.getSimpleName()).isNotEmpty();
        return names;
    }
}
